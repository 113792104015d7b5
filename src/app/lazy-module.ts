/**
 * A heavy library loaded when first used rather than at start-up (decision 0028): charts, PDFs,
 * spreadsheets and mail each add 15–45 MB to the process, and most requests (an intake, a case
 * page) use none of them. The first call starts the import, later calls share it; a failed import
 * is tried again next time.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

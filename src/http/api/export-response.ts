/** How a route answers an export (decision 0023): the file's bytes with its type and a file name. */
import { z } from "zod";
import type { ExportFile } from "../../app/exports.js";

/** The XLSX bytes (a Buffer); the route kit sends them as they are. */
export const XlsxBody = z
  .custom<Buffer>((value) => Buffer.isBuffer(value))
  .meta({
    description: "with format=xlsx: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });

export function fileResult(file: ExportFile): { body: string | Buffer; headers: Record<string, string> } {
  return {
    body: file.body,
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.fileName}"`,
    },
  };
}

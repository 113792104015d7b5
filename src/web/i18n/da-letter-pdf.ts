/** da: a letter on the case page as PDF (decision 0013). */
export const daLetterPdf = {
  "mail.pdf": "Brevet som PDF",
};

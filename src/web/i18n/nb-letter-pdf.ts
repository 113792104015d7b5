/** nb: a letter on the case page as PDF (decision 0013). */
export const nbLetterPdf = {
  "mail.pdf": "Brevet som PDF",
};

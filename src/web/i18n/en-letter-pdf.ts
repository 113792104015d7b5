/** en: a letter on the case page as PDF (decision 0013). */
export const enLetterPdf = {
  "mail.pdf": "The letter as PDF",
};

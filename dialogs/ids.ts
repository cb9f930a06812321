/** Dialog ids, in one place. */
export const DialogIds = {
  faq: 'faqDialog',
  flow: 'faqDialog.flow',
  followUpPrompt: 'faqDialog.followUpPrompt',
} as const;

export type DialogId = (typeof DialogIds)[keyof typeof DialogIds];

import type { Locale } from '../common/locales';
import { plural } from '../mail/mail-intl';
import { shorten } from '../common/shorten';

/**
 * The words of the mention mails in the UN's six languages (issue #16), after the precedent of the account mails
 * (src/mail/account-mail-texts.ts) and the digests (src/digests/digest-mail-texts.ts): one typed catalogue per
 * language. A mention is told from its comment (who wrote it, what they wrote); the English summary kept on the
 * notification is the fallback once the comment is gone.
 */
export interface DiscussionMailTexts {
  rtl: boolean;
  hello(name: string): string;
  mention: {
    subjectMany(count: number): string;
    /** "Amina Diallo (FAO) mentioned you on BPoA-5: …"; the place is a commitment's reference or a framework's code. */
    line(author: string, agency: string, place: string, comment: string): string;
    settings: string;
    settingsLink: string;
  };
  /** An action item assigned to the reader (or their agency); `due` is written in the reader's language already. */
  assignment: {
    subject(due: string): string;
    line(agency: string, place: string, assignee: string): string;
    due(due: string): string;
    settings: string;
  };
}

export const DISCUSSION_MAIL_TEXTS: Record<Locale, DiscussionMailTexts> = {
  en: {
    rtl: false,
    hello: (name) => `Hello ${name},`,
    mention: {
      subjectMany: (count) => `Concert: you were mentioned ${plural('en', count, { one: 'once', other: '# times' })}`,
      line: (author, agency, place, comment) => `${author} (${agency}) mentioned you on ${place}: ${comment}`,
      settings: 'Mail for mentions can be changed (at once, in the digest only, or never):',
      settingsLink: 'your settings',
    },
    assignment: {
      subject: (due) => `Concert: action item due ${due}`,
      line: (agency, place, assignee) => `${agency} assigned an action item on ${place} to ${assignee}.`,
      due: (due) => `Due: ${due}`,
      settings: 'Mail for action items can be changed (at once, in the digest only, or never):',
    },
  },
  fr: {
    rtl: false,
    hello: (name) => `Bonjour ${name},`,
    mention: {
      subjectMany: (count) => `Concert : vous avez été mentionné(e) ${plural('fr', count, { one: '# fois', other: '# fois' })}`,
      line: (author, agency, place, comment) => `${author} (${agency}) vous a mentionné(e) au sujet de ${place} : « ${comment} »`,
      settings: 'Vous pouvez choisir de recevoir les mentions par courriel immédiatement, dans le résumé seulement ou jamais :',
      settingsLink: 'vos paramètres',
    },
    assignment: {
      subject: (due) => `Concert : action de suivi à échéance le ${due}`,
      line: (agency, place, assignee) => `${agency} a confié une action de suivi concernant ${place} à ${assignee}.`,
      due: (due) => `Échéance : ${due}`,
      settings: 'Vous pouvez choisir de recevoir les actions de suivi par courriel immédiatement, dans le résumé seulement ou jamais :',
    },
  },
  es: {
    rtl: false,
    hello: (name) => `Estimado/a ${name}:`,
    mention: {
      subjectMany: (count) => `Concert: se le ha mencionado ${plural('es', count, { one: '# vez', other: '# veces' })}`,
      line: (author, agency, place, comment) => `${author} (${agency}) le mencionó en relación con ${place}: «${comment}»`,
      settings: 'Puede elegir recibir las menciones por correo de inmediato, solo en el resumen o nunca:',
      settingsLink: 'su configuración',
    },
    assignment: {
      subject: (due) => `Concert: medida de seguimiento con vencimiento el ${due}`,
      line: (agency, place, assignee) => `${agency} asignó una medida de seguimiento relativa a ${place} a ${assignee}.`,
      due: (due) => `Vencimiento: ${due}`,
      settings: 'Puede elegir recibir las medidas de seguimiento por correo de inmediato, solo en el resumen o nunca:',
    },
  },
  ar: {
    rtl: true,
    hello: (name) => `مرحبًا ${name}،`,
    mention: {
      subjectMany: (count) =>
        `Concert: تمت الإشارة إليك ${plural('ar', count, { one: 'مرة واحدة', two: 'مرتين', few: '# مرات', many: '# مرة', other: '# مرة' })}`,
      line: (author, agency, place, comment) => `أشار إليك ${author} (${agency}) بشأن ${place}: «${comment}»`,
      settings: 'يمكنك اختيار تلقي رسائل الإشارات فورًا، أو في الموجز فقط، أو عدم تلقيها أبدًا:',
      settingsLink: 'إعداداتك',
    },
    assignment: {
      subject: (due) => `Concert: إجراء متابعة يحين موعده في ${due}`,
      line: (agency, place, assignee) => `أسندت ${agency} إجراء متابعة بشأن ${place} إلى ${assignee}.`,
      due: (due) => `الموعد النهائي: ${due}`,
      settings: 'يمكنك اختيار تلقي رسائل إجراءات المتابعة فورًا، أو في الموجز فقط، أو عدم تلقيها أبدًا:',
    },
  },
  ru: {
    rtl: false,
    hello: (name) => `Здравствуйте, ${name}!`,
    mention: {
      subjectMany: (count) => `Concert: вас упомянули ${plural('ru', count, { one: '# раз', few: '# раза', many: '# раз', other: '# раза' })}`,
      line: (author, agency, place, comment) => `${author} (${agency}) упоминает вас в связи с ${place}: «${comment}»`,
      settings: 'Письма об упоминаниях можно получать сразу, только в сводке или не получать совсем:',
      settingsLink: 'ваши настройки',
    },
    assignment: {
      subject: (due) => `Concert: последующая мера со сроком ${due}`,
      line: (agency, place, assignee) => `${agency} назначает последующую меру по ${place}; исполнитель: ${assignee}.`,
      due: (due) => `Срок: ${due}`,
      settings: 'Письма о последующих мерах можно получать сразу, только в сводке или не получать совсем:',
    },
  },
  zh: {
    rtl: false,
    hello: (name) => `${name}，您好：`,
    mention: {
      subjectMany: (count) => `Concert：有人提到您 ${plural('zh', count, { other: '# 次' })}`,
      line: (author, agency, place, comment) => `${author}（${agency}）在 ${place} 中提到了您：“${comment}”`,
      settings: '您可以选择立即、仅在摘要中或从不接收有关提及的邮件：',
      settingsLink: '您的设置',
    },
    assignment: {
      subject: (due) => `Concert：后续行动截止日期为 ${due}`,
      line: (agency, place, assignee) => `${agency} 就 ${place} 向 ${assignee} 分配了一项后续行动。`,
      due: (due) => `截止日期：${due}`,
      settings: '您可以选择立即、仅在摘要中或从不接收有关后续行动的邮件：',
    },
  },
};

/** What a mention is told from: its comment's author and words, and the English summary kept as the fallback. */
export interface MentionFacts {
  summary: string;
  url: string;
  authorName: string | null;
  authorAgency: string | null;
  comment: string | null;
  /** The commitment's reference (its report, or an activity report on it) or the framework's code (its consolidated report). */
  place: string | null;
}

/**
 * The SQL that gathers a mention's facts: joined to `notifications n`, it yields "authorName", "authorAgency",
 * comment and place. Shared by the mention mail and the digest, which read the same notifications.
 */
export const MENTION_FACTS_SQL = {
  columns: `w.display_name AS "authorName", wa.code AS "authorAgency", mc.body AS comment,
            COALESCE(mcr.reference, mar_c.reference, mfw.code) AS place`,
  joins: `LEFT JOIN discussion_comments mc ON mc.id = n.comment_id AND mc.deleted_at IS NULL
          LEFT JOIN users w ON w.id = mc.author_id
          LEFT JOIN agencies wa ON wa.id = w.agency_id
          LEFT JOIN discussion_threads mt ON mt.id = n.thread_id
          LEFT JOIN commitments mcr ON mcr.report_document_id = mt.document_id
          LEFT JOIN activity_reports mar ON mar.document_id = mt.document_id
          LEFT JOIN commitments mar_c ON mar_c.id = mar.commitment_id
          LEFT JOIN consolidated_reports mcs ON mcs.summary_document_id = mt.document_id
          LEFT JOIN frameworks mfw ON mfw.id = mcs.framework_id`,
};


/** A mention in the reader's language; its stored English summary when its comment is gone. */
export function describeMention(locale: Locale, mention: MentionFacts): string {
  if (!mention.authorName || !mention.authorAgency || !mention.place || mention.comment === null) return mention.summary;
  return DISCUSSION_MAIL_TEXTS[locale].mention.line(mention.authorName, mention.authorAgency, mention.place, shorten(mention.comment));
}

import type { Locale } from '../common/locales';
import type { CommitmentStatus } from '../frameworks/domain';
import { formatList, formatNumber, plural } from '../mail/mail-intl';
import type { DigestFrequency } from './digests.dto';

/**
 * The words of the digests, the reporting reminders and the unsubscribe page in the UN's six languages (issue #16),
 * after the precedent of the account mails (src/mail/account-mail-texts.ts): one typed catalogue per language, so a
 * sentence missing in one language does not compile. Numbers, dates and plural categories come from Intl
 * (src/mail/mail-intl.ts); the catalogue gives only the words. Names (agencies, references, cycle labels, people)
 * arrive as they are kept.
 */
export interface DigestMailTexts {
  /** Right to left: the HTML is marked `dir="rtl"`. */
  rtl: boolean;
  /** "a: b" and "a, b" and "a; b" as the language punctuates them. */
  colon: string;
  comma: string;
  listSeparator: string;
  /** A sentence followed by the words someone wrote (a reason, a comment), quoted. */
  quoting(sentence: string, words: string): string;
  hello(name: string): string;
  digest: {
    subject(frequency: DigestFrequency, day: string, changes: number, commitments: number): string;
    period(from: string, to: string, timeZone: string): string;
    why: string;
    youFollow(target: string): string;
    leads(agency: string, reference: string): string;
    contributes(agency: string, reference: string): string;
    takesPart(agency: string, framework: string): string;
    mentioned: string;
    deadlines(agency: string): string;
    /** Heading of the open action items of the reader or their agency that are due within a week or overdue. */
    actionItems(agency: string): string;
    words(added: string, removed: string): string;
    preferences: string;
    unsubscribe: string;
  };
  deadline: {
    overdue(since: string, days: number): string;
    today: string;
    due(on: string, days: number): string;
  };
  /** A change event told from its fields (see digest-events.ts). */
  event: {
    status: Record<CommitmentStatus, string>;
    statusChanged(agency: string, reference: string, from: string, to: string): string;
    submitted(agency: string, cycle: string, reference: string): string;
    accepted(agency: string, reportAgency: string, cycle: string, reference: string): string;
    returned(agency: string, reportAgency: string, cycle: string, reference: string): string;
    reopened(agency: string, reportAgency: string, cycle: string, reference: string): string;
    /** What a thread is on: a commitment's report, or an agency's activity report on it. */
    reportOf(reference: string): string;
    activityReportOn(agency: string, reference: string): string;
    threadOpened(agency: string, on: string): string;
    commentAdded(agency: string, on: string): string;
    actionSet(agency: string, on: string, assignee: string, due: string): string;
    /** `edition` is written by Intl already. */
    issued(agency: string, edition: string, cycle: string, framework: string): string;
    /** People who edited a text ("Amina Diallo (FAO)"), joined as the language joins a list. */
    edited(editors: readonly string[], what: string, sessions: number): string;
    commitmentReport: string;
    activityReport(agency: string): string;
  };
  reminder: {
    subject(reports: number, agency: string, actionItems: number, overdue: boolean): string;
    reports(agency: string): string;
    actionItems(agency: string): string;
  };
  unsubscribePage: {
    title: string;
    question: string;
    button: string;
    /** After the button: digests turned off, the link used already, or a link that names no mail of ours. */
    done: string;
    used: string;
    invalid: string;
  };
}

export const DIGEST_MAIL_TEXTS: Record<Locale, DigestMailTexts> = {
  en: {
    rtl: false,
    colon: ': ',
    comma: ', ',
    listSeparator: '; ',
    quoting: (sentence, words) => `${sentence}: ${words}`,
    hello: (name) => `Hello ${name},`,
    digest: {
      subject: (frequency, day, changes, commitments) =>
        `Concert ${frequency} digest, ${day}: ${plural('en', changes, { one: '# change', other: '# changes' })} in ${plural('en', commitments, { one: '# commitment', other: '# commitments' })}`,
      period: (from, to, zone) => `What changed from ${from} to ${to} (${zone}).`,
      why: 'Why you get this:',
      youFollow: (target) => `you follow ${target}`,
      leads: (agency, reference) => `${agency} leads ${reference}`,
      contributes: (agency, reference) => `${agency} contributes to ${reference}`,
      takesPart: (agency, framework) => `${agency} takes part in ${framework}`,
      mentioned: 'You were mentioned',
      deadlines: (agency) => `${agency}'s reports due or overdue`,
      actionItems: (agency) => `${agency}'s action items due or overdue`,
      words: (added, removed) => `+${added} / −${removed} words`,
      preferences: 'Change how often you get this',
      unsubscribe: 'Unsubscribe from digests',
    },
    deadline: {
      overdue: (since, days) => `Overdue since ${since} (${plural('en', days, { one: '# day', other: '# days' })})`,
      today: 'Due today',
      due: (on, days) => `Due ${on} (in ${plural('en', days, { one: '# day', other: '# days' })})`,
    },
    event: {
      status: { not_started: 'not started', on_track: 'on track', at_risk: 'at risk', off_track: 'off track', achieved: 'achieved' },
      statusChanged: (agency, reference, from, to) => `${agency} set ${reference} from ${from} to ${to}`,
      submitted: (agency, cycle, reference) => `${agency} submitted its ${cycle} activity report on ${reference}`,
      accepted: (agency, of, cycle, reference) => `${agency} accepted ${of}'s ${cycle} activity report on ${reference}`,
      returned: (agency, of, cycle, reference) => `${agency} returned ${of}'s ${cycle} activity report on ${reference}`,
      reopened: (agency, of, cycle, reference) => `${agency} reopened ${of}'s ${cycle} activity report on ${reference}`,
      reportOf: (reference) => `the report of ${reference}`,
      activityReportOn: (agency, reference) => `${agency}'s activity report on ${reference}`,
      threadOpened: (agency, on) => `${agency} opened a thread on ${on}`,
      commentAdded: (agency, on) => `${agency} replied on ${on}`,
      actionSet: (agency, on, assignee, due) => `${agency} assigned an action item on ${on} to ${assignee}, due ${due}`,
      issued: (agency, edition, cycle, framework) => `${agency} issued edition ${edition} of the ${cycle} consolidated report of ${framework}`,
      edited: (editors, what, sessions) => `${formatList('en', editors)} edited ${what}${sessions > 1 ? ` (${plural('en', sessions, { one: '# session', other: '# sessions' })})` : ''}`,
      commitmentReport: 'the commitment report',
      activityReport: (agency) => `${agency}'s activity report`,
    },
    reminder: {
      subject: (reports, agency, actionItems, overdue) => {
        const parts = [
          ...(reports > 0 ? [`${formatNumber('en', reports)} ${agency} ${plural('en', reports, { one: 'report', other: 'reports' })}`] : []),
          ...(actionItems > 0 ? [plural('en', actionItems, { one: '# action item', other: '# action items' })] : []),
        ];
        return `Concert reminder: ${parts.join(' and ')} ${overdue ? 'overdue or due soon' : 'due soon'}`;
      },
      reports: (agency) => `As a focal point of ${agency}, please see to these activity reports:`,
      actionItems: (agency) => `Action items of ${agency}:`,
    },
    unsubscribePage: {
      title: 'Concert digests',
      question: 'Stop receiving Concert digests?',
      button: 'Unsubscribe',
      done: 'You will no longer receive Concert digests. You can turn them on again in your settings.',
      used: 'This link has already been used: your Concert digests are off.',
      invalid: 'This link is not valid. You can turn digests off in your settings.',
    },
  },
  fr: {
    rtl: false,
    colon: ' : ',
    comma: ', ',
    listSeparator: ' ; ',
    quoting: (sentence, words) => `${sentence} : « ${words} »`,
    hello: (name) => `Bonjour ${name},`,
    digest: {
      subject: (frequency, day, changes, commitments) =>
        `Concert, résumé ${frequency === 'daily' ? 'quotidien' : 'hebdomadaire'} du ${day} : ${plural('fr', changes, { one: '# changement', other: '# changements' })} dans ${plural('fr', commitments, { one: '# engagement', other: '# engagements' })}`,
      period: (from, to, zone) => `Les changements du ${from} au ${to} (${zone}).`,
      why: 'Pourquoi vous recevez ce message :',
      youFollow: (target) => `vous suivez ${target}`,
      leads: (agency, reference) => `${agency} est chef de file de l’engagement ${reference}`,
      contributes: (agency, reference) => `${agency} contribue à l’engagement ${reference}`,
      takesPart: (agency, framework) => `${agency} participe au cadre ${framework}`,
      mentioned: 'Vous avez été mentionné(e)',
      deadlines: (agency) => `Rapports de ${agency} attendus ou en retard`,
      actionItems: (agency) => `Actions de suivi de ${agency} à échéance ou en retard`,
      words: (added, removed) => `+${added} / −${removed} mots`,
      preferences: 'Modifier la fréquence de ces messages',
      unsubscribe: 'Se désabonner des résumés',
    },
    deadline: {
      overdue: (since, days) => `En retard depuis le ${since} (${plural('fr', days, { one: '# jour', other: '# jours' })})`,
      today: 'À remettre aujourd’hui',
      due: (on, days) => `À remettre le ${on} (dans ${plural('fr', days, { one: '# jour', other: '# jours' })})`,
    },
    event: {
      status: { not_started: 'non commencé', on_track: 'en bonne voie', at_risk: 'à risque', off_track: 'en retard', achieved: 'réalisé' },
      statusChanged: (agency, reference, from, to) => `${agency} a fait passer l’engagement ${reference} de « ${from} » à « ${to} »`,
      submitted: (agency, cycle, reference) => `${agency} a soumis son rapport d’activité (${cycle}) sur l’engagement ${reference}`,
      accepted: (agency, of, cycle, reference) => `${agency} a accepté le rapport d’activité de ${of} (${cycle}) sur l’engagement ${reference}`,
      returned: (agency, of, cycle, reference) => `${agency} a renvoyé le rapport d’activité de ${of} (${cycle}) sur l’engagement ${reference}`,
      reopened: (agency, of, cycle, reference) => `${agency} a rouvert le rapport d’activité de ${of} (${cycle}) sur l’engagement ${reference}`,
      reportOf: (reference) => `le rapport sur l’engagement ${reference}`,
      activityReportOn: (agency, reference) => `le rapport d’activité de ${agency} sur l’engagement ${reference}`,
      threadOpened: (agency, on) => `${agency} a ouvert une discussion sur ${on}`,
      commentAdded: (agency, on) => `${agency} a répondu dans une discussion sur ${on}`,
      actionSet: (agency, on, assignee, due) => `${agency} a confié une action de suivi sur ${on} à ${assignee}, échéance le ${due}`,
      issued: (agency, edition, cycle, framework) => `${agency} a publié l’édition ${edition} du rapport de synthèse (${cycle}) du cadre ${framework}`,
      edited: (editors, what, sessions) =>
        `${formatList('fr', editors)} ${editors.length > 1 ? 'ont modifié' : 'a modifié'} ${what}${sessions > 1 ? ` (${plural('fr', sessions, { one: '# session', other: '# sessions' })})` : ''}`,
      commitmentReport: 'le rapport sur l’engagement',
      activityReport: (agency) => `le rapport d’activité de ${agency}`,
    },
    reminder: {
      subject: (reports, agency, actionItems, overdue) => {
        const parts = [
          ...(reports > 0 ? [`${plural('fr', reports, { one: '# rapport', other: '# rapports' })} de ${agency}`] : []),
          ...(actionItems > 0 ? [plural('fr', actionItems, { one: '# action de suivi', other: '# actions de suivi' })] : []),
        ];
        return `Rappel Concert : ${parts.join(' et ')} ${overdue ? 'en retard ou à échéance prochaine' : 'à échéance prochaine'}`;
      },
      reports: (agency) => `En tant que point focal de ${agency}, veuillez donner suite aux rapports d’activité suivants :`,
      actionItems: (agency) => `Actions de suivi de ${agency} :`,
    },
    unsubscribePage: {
      title: 'Résumés Concert',
      question: 'Ne plus recevoir les résumés Concert ?',
      button: 'Se désabonner',
      done: 'Vous ne recevrez plus les résumés Concert. Vous pouvez les réactiver dans vos paramètres.',
      used: 'Ce lien a déjà été utilisé : vos résumés Concert sont désactivés.',
      invalid: 'Ce lien n’est pas valide. Vous pouvez désactiver les résumés dans vos paramètres.',
    },
  },
  es: {
    rtl: false,
    colon: ': ',
    comma: ', ',
    listSeparator: '; ',
    quoting: (sentence, words) => `${sentence}: «${words}»`,
    hello: (name) => `Estimado/a ${name}:`,
    digest: {
      subject: (frequency, day, changes, commitments) =>
        `Concert, resumen ${frequency === 'daily' ? 'diario' : 'semanal'}, ${day}: ${plural('es', changes, { one: '# cambio', other: '# cambios' })} en ${plural('es', commitments, { one: '# compromiso', other: '# compromisos' })}`,
      period: (from, to, zone) => `Cambios del ${from} al ${to} (${zone}).`,
      why: 'Por qué recibe este mensaje:',
      youFollow: (target) => `usted sigue ${target}`,
      leads: (agency, reference) => `${agency} es el organismo principal del compromiso ${reference}`,
      contributes: (agency, reference) => `${agency} contribuye al compromiso ${reference}`,
      takesPart: (agency, framework) => `${agency} participa en el marco ${framework}`,
      mentioned: 'Se le ha mencionado',
      deadlines: (agency) => `Informes de ${agency} pendientes o atrasados`,
      actionItems: (agency) => `Medidas de seguimiento de ${agency} pendientes o atrasadas`,
      words: (added, removed) => `+${added} / −${removed} palabras`,
      preferences: 'Cambiar la frecuencia de estos mensajes',
      unsubscribe: 'Cancelar la suscripción a los resúmenes',
    },
    deadline: {
      overdue: (since, days) => `Atrasado desde el ${since} (${plural('es', days, { one: '# día', other: '# días' })})`,
      today: 'Vence hoy',
      due: (on, days) => `Vence el ${on} (dentro de ${plural('es', days, { one: '# día', other: '# días' })})`,
    },
    event: {
      status: { not_started: 'no iniciado', on_track: 'en curso', at_risk: 'en riesgo', off_track: 'con retraso', achieved: 'logrado' },
      statusChanged: (agency, reference, from, to) => `${agency} cambió el estado del compromiso ${reference} de «${from}» a «${to}»`,
      submitted: (agency, cycle, reference) => `${agency} presentó su informe de actividades (${cycle}) sobre el compromiso ${reference}`,
      accepted: (agency, of, cycle, reference) => `${agency} aceptó el informe de actividades de ${of} (${cycle}) sobre el compromiso ${reference}`,
      returned: (agency, of, cycle, reference) => `${agency} devolvió el informe de actividades de ${of} (${cycle}) sobre el compromiso ${reference}`,
      reopened: (agency, of, cycle, reference) => `${agency} reabrió el informe de actividades de ${of} (${cycle}) sobre el compromiso ${reference}`,
      reportOf: (reference) => `el informe sobre el compromiso ${reference}`,
      activityReportOn: (agency, reference) => `el informe de actividades de ${agency} sobre el compromiso ${reference}`,
      threadOpened: (agency, on) => `${agency} abrió un debate sobre ${on}`,
      commentAdded: (agency, on) => `${agency} respondió en un debate sobre ${on}`,
      actionSet: (agency, on, assignee, due) => `${agency} asignó una medida de seguimiento sobre ${on} a ${assignee}, con vencimiento el ${due}`,
      issued: (agency, edition, cycle, framework) => `${agency} publicó la edición ${edition} del informe consolidado (${cycle}) del marco ${framework}`,
      edited: (editors, what, sessions) =>
        `${formatList('es', editors)} ${editors.length > 1 ? 'modificaron' : 'modificó'} ${what}${sessions > 1 ? ` (${plural('es', sessions, { one: '# sesión', other: '# sesiones' })})` : ''}`,
      commitmentReport: 'el informe sobre el compromiso',
      activityReport: (agency) => `el informe de actividades de ${agency}`,
    },
    reminder: {
      subject: (reports, agency, actionItems, overdue) => {
        const parts = [
          ...(reports > 0 ? [`${plural('es', reports, { one: '# informe', other: '# informes' })} de ${agency}`] : []),
          ...(actionItems > 0 ? [plural('es', actionItems, { one: '# medida de seguimiento', other: '# medidas de seguimiento' })] : []),
        ];
        return `Recordatorio de Concert: ${parts.join(' y ')} ${overdue ? 'atrasados o por vencer' : 'por vencer'}`;
      },
      reports: (agency) => `Como punto focal de ${agency}, sírvase atender los siguientes informes de actividades:`,
      actionItems: (agency) => `Medidas de seguimiento de ${agency}:`,
    },
    unsubscribePage: {
      title: 'Resúmenes de Concert',
      question: '¿Desea dejar de recibir los resúmenes de Concert?',
      button: 'Cancelar la suscripción',
      done: 'Ya no recibirá los resúmenes de Concert. Puede volver a activarlos en su configuración.',
      used: 'Este enlace ya se utilizó: sus resúmenes de Concert están desactivados.',
      invalid: 'Este enlace no es válido. Puede desactivar los resúmenes en su configuración.',
    },
  },
  ar: {
    rtl: true,
    colon: ': ',
    comma: '، ',
    listSeparator: '؛ ',
    quoting: (sentence, words) => `${sentence}: «${words}»`,
    hello: (name) => `مرحبًا ${name}،`,
    digest: {
      subject: (frequency, day, changes, commitments) =>
        `Concert، الموجز ${frequency === 'daily' ? 'اليومي' : 'الأسبوعي'}، ${day}: ${plural('ar', changes, { one: 'تغيير واحد', two: 'تغييران', few: '# تغييرات', many: '# تغييرًا', other: '# تغيير' })} في ${plural('ar', commitments, { one: 'التزام واحد', two: 'التزامين', few: '# التزامات', many: '# التزامًا', other: '# التزام' })}`,
      period: (from, to, zone) => `التغييرات في الفترة من ${from} إلى ${to} (${zone}).`,
      why: 'سبب تلقيك هذه الرسالة:',
      youFollow: (target) => `أنت تتابع ${target}`,
      leads: (agency, reference) => `${agency} هي الجهة الرائدة في الالتزام ${reference}`,
      contributes: (agency, reference) => `${agency} تساهم في الالتزام ${reference}`,
      takesPart: (agency, framework) => `${agency} تشارك في الإطار ${framework}`,
      mentioned: 'تمت الإشارة إليك',
      deadlines: (agency) => `تقارير ${agency} المستحقة أو المتأخرة`,
      actionItems: (agency) => `إجراءات المتابعة الخاصة بـ${agency} المستحقة أو المتأخرة`,
      words: (added, removed) => `+${added} / −${removed} كلمات`,
      preferences: 'تغيير وتيرة تلقي هذه الرسائل',
      unsubscribe: 'إلغاء الاشتراك في الموجزات',
    },
    deadline: {
      overdue: (since, days) => `متأخر منذ ${since} (${plural('ar', days, { one: 'يوم واحد', two: 'يومان', few: '# أيام', many: '# يومًا', other: '# يوم' })})`,
      today: 'مستحق اليوم',
      due: (on, days) => `مستحق في ${on} (بعد ${plural('ar', days, { one: 'يوم واحد', two: 'يومين', few: '# أيام', many: '# يومًا', other: '# يوم' })})`,
    },
    event: {
      status: { not_started: 'لم يبدأ', on_track: 'على المسار الصحيح', at_risk: 'معرّض للخطر', off_track: 'خارج المسار', achieved: 'منجز' },
      statusChanged: (agency, reference, from, to) => `${agency}: تغيير حالة الالتزام ${reference} من «${from}» إلى «${to}»`,
      submitted: (agency, cycle, reference) => `${agency}: تقديم تقرير الأنشطة (${cycle}) بشأن الالتزام ${reference}`,
      accepted: (agency, of, cycle, reference) => `${agency}: قبول تقرير أنشطة ${of} (${cycle}) بشأن الالتزام ${reference}`,
      returned: (agency, of, cycle, reference) => `${agency}: إعادة تقرير أنشطة ${of} (${cycle}) بشأن الالتزام ${reference}`,
      reopened: (agency, of, cycle, reference) => `${agency}: إعادة فتح تقرير أنشطة ${of} (${cycle}) بشأن الالتزام ${reference}`,
      reportOf: (reference) => `تقرير الالتزام ${reference}`,
      activityReportOn: (agency, reference) => `تقرير أنشطة ${agency} بشأن الالتزام ${reference}`,
      threadOpened: (agency, on) => `${agency}: فتح مناقشة بشأن ${on}`,
      commentAdded: (agency, on) => `${agency}: رد في مناقشة بشأن ${on}`,
      actionSet: (agency, on, assignee, due) => `${agency}: إسناد إجراء متابعة بشأن ${on} إلى ${assignee}، موعده ${due}`,
      issued: (agency, edition, cycle, framework) => `${agency}: إصدار الطبعة ${edition} من التقرير الموحد (${cycle}) للإطار ${framework}`,
      edited: (editors, what, sessions) =>
        `${formatList('ar', editors)}: تعديل ${what}${sessions > 1 ? ` (${plural('ar', sessions, { one: 'جلسة واحدة', two: 'جلستان', few: '# جلسات', many: '# جلسة', other: '# جلسة' })})` : ''}`,
      commitmentReport: 'تقرير الالتزام',
      activityReport: (agency) => `تقرير أنشطة ${agency}`,
    },
    reminder: {
      subject: (reports, agency, actionItems, overdue) => {
        const parts = [
          ...(reports > 0 ? [`${plural('ar', reports, { one: 'تقرير واحد', two: 'تقريران', few: '# تقارير', many: '# تقريرًا', other: '# تقرير' })} لـ${agency}`] : []),
          ...(actionItems > 0 ? [plural('ar', actionItems, { one: 'إجراء متابعة واحد', two: 'إجراءا متابعة', few: '# إجراءات متابعة', many: '# إجراء متابعة', other: '# إجراء متابعة' })] : []),
        ];
        return `تذكير من Concert: ${parts.join(' و')} ${overdue ? '(متأخرة أو قريبة الموعد)' : '(قريبة الموعد)'}`;
      },
      reports: (agency) => `بصفتك جهة تنسيق لـ${agency}، يُرجى متابعة تقارير الأنشطة التالية:`,
      actionItems: (agency) => `إجراءات المتابعة الخاصة بـ${agency}:`,
    },
    unsubscribePage: {
      title: 'موجزات Concert',
      question: 'هل تريد التوقف عن تلقي موجزات Concert؟',
      button: 'إلغاء الاشتراك',
      done: 'لن تتلقى موجزات Concert بعد الآن. يمكنك إعادة تفعيلها من إعداداتك.',
      used: 'سبق استخدام هذا الرابط: موجزات Concert متوقفة لديك.',
      invalid: 'هذا الرابط غير صالح. يمكنك إيقاف الموجزات من إعداداتك.',
    },
  },
  ru: {
    rtl: false,
    colon: ': ',
    comma: ', ',
    listSeparator: '; ',
    quoting: (sentence, words) => `${sentence}: «${words}»`,
    hello: (name) => `Здравствуйте, ${name}!`,
    digest: {
      subject: (frequency, day, changes, commitments) =>
        `Concert: ${frequency === 'daily' ? 'ежедневная' : 'еженедельная'} сводка, ${day}: ${plural('ru', changes, { one: '# изменение', few: '# изменения', many: '# изменений', other: '# изменения' })} по ${plural('ru', commitments, { one: '# обязательству', other: '# обязательствам' })}`,
      period: (from, to, zone) => `Изменения с ${from} по ${to} (${zone}).`,
      why: 'Почему вы получаете это письмо:',
      youFollow: (target) => `вы следите за ${target}`,
      leads: (agency, reference) => `${agency} — ведущее учреждение по обязательству ${reference}`,
      contributes: (agency, reference) => `${agency} участвует в выполнении обязательства ${reference}`,
      takesPart: (agency, framework) => `${agency} участвует в рамочной программе ${framework}`,
      mentioned: 'Вас упомянули',
      deadlines: (agency) => `Отчеты ${agency}, срок представления которых подходит или истек`,
      actionItems: (agency) => `Последующие меры ${agency}, срок выполнения которых подходит или истек`,
      words: (added, removed) => `+${added} / −${removed} слов`,
      preferences: 'Изменить частоту этих писем',
      unsubscribe: 'Отказаться от сводок',
    },
    deadline: {
      overdue: (since, days) => `Просрочен с ${since} (${plural('ru', days, { one: '# день', few: '# дня', many: '# дней', other: '# дня' })})`,
      today: 'Срок — сегодня',
      due: (on, days) => `Срок — ${on} (через ${plural('ru', days, { one: '# день', few: '# дня', many: '# дней', other: '# дня' })})`,
    },
    event: {
      status: { not_started: 'не начато', on_track: 'идет по плану', at_risk: 'под угрозой', off_track: 'отстает от плана', achieved: 'выполнено' },
      statusChanged: (agency, reference, from, to) => `${agency}: статус обязательства ${reference} изменен с «${from}» на «${to}»`,
      submitted: (agency, cycle, reference) => `${agency}: представлен отчет о деятельности (${cycle}) по обязательству ${reference}`,
      accepted: (agency, of, cycle, reference) => `${agency}: принят отчет о деятельности ${of} (${cycle}) по обязательству ${reference}`,
      returned: (agency, of, cycle, reference) => `${agency}: возвращен отчет о деятельности ${of} (${cycle}) по обязательству ${reference}`,
      reopened: (agency, of, cycle, reference) => `${agency}: вновь открыт отчет о деятельности ${of} (${cycle}) по обязательству ${reference}`,
      reportOf: (reference) => `доклад по обязательству ${reference}`,
      activityReportOn: (agency, reference) => `отчет о деятельности ${agency} по обязательству ${reference}`,
      threadOpened: (agency, on) => `${agency}: открыто обсуждение (${on})`,
      commentAdded: (agency, on) => `${agency}: ответ в обсуждении (${on})`,
      actionSet: (agency, on, assignee, due) => `${agency}: последующая мера (${on}) поручена ${assignee}, срок — ${due}`,
      issued: (agency, edition, cycle, framework) => `${agency}: выпущена редакция ${edition} сводного доклада (${cycle}) по рамочной программе ${framework}`,
      edited: (editors, what, sessions) =>
        `${formatList('ru', editors)}: изменен ${what}${sessions > 1 ? ` (${plural('ru', sessions, { one: '# сеанс', few: '# сеанса', many: '# сеансов', other: '# сеанса' })})` : ''}`,
      commitmentReport: 'доклад по обязательству',
      activityReport: (agency) => `отчет о деятельности ${agency}`,
    },
    reminder: {
      subject: (reports, agency, actionItems, overdue) => {
        const parts = [
          ...(reports > 0 ? [`${agency}: ${plural('ru', reports, { one: '# отчет', few: '# отчета', many: '# отчетов', other: '# отчета' })}`] : []),
          ...(actionItems > 0 ? [`последующие меры: ${formatNumber('ru', actionItems)}`] : []),
        ];
        return `Напоминание Concert (${overdue ? 'сроки подходят или истекли' : 'сроки подходят'}): ${parts.join('; ')}`;
      },
      reports: (agency) => `Как координатора ${agency} просим вас заняться следующими отчетами о деятельности:`,
      actionItems: (agency) => `Последующие меры: ${agency}`,
    },
    unsubscribePage: {
      title: 'Сводки Concert',
      question: 'Больше не получать сводки Concert?',
      button: 'Отказаться от подписки',
      done: 'Вы больше не будете получать сводки Concert. Их можно снова включить в настройках.',
      used: 'Эта ссылка уже использована: сводки Concert отключены.',
      invalid: 'Эта ссылка недействительна. Отключить сводки можно в настройках.',
    },
  },
  zh: {
    rtl: false,
    colon: '：',
    comma: '，',
    listSeparator: '；',
    quoting: (sentence, words) => `${sentence}：“${words}”`,
    hello: (name) => `${name}，您好：`,
    digest: {
      subject: (frequency, day, changes, commitments) =>
        `Concert ${frequency === 'daily' ? '每日' : '每周'}摘要（${day}）：${formatNumber('zh', commitments)} 项承诺共有 ${formatNumber('zh', changes)} 项变动`,
      period: (from, to, zone) => `${from}至${to}（${zone}）期间的变动。`,
      why: '您收到此邮件的原因：',
      youFollow: (target) => `您关注了 ${target}`,
      leads: (agency, reference) => `${agency} 是承诺 ${reference} 的牵头机构`,
      contributes: (agency, reference) => `${agency} 参与承诺 ${reference}`,
      takesPart: (agency, framework) => `${agency} 参与框架 ${framework}`,
      mentioned: '有人提到了您',
      deadlines: (agency) => `${agency} 即将到期或已逾期的报告`,
      actionItems: (agency) => `${agency} 即将到期或已逾期的后续行动`,
      words: (added, removed) => `+${added} / −${removed} 个词`,
      preferences: '更改接收频率',
      unsubscribe: '退订摘要',
    },
    deadline: {
      overdue: (since, days) => `自 ${since} 起逾期（${formatNumber('zh', days)} 天）`,
      today: '今天到期',
      due: (on, days) => `${on} 到期（还有 ${formatNumber('zh', days)} 天）`,
    },
    event: {
      status: { not_started: '未开始', on_track: '进展顺利', at_risk: '存在风险', off_track: '偏离轨道', achieved: '已实现' },
      statusChanged: (agency, reference, from, to) => `${agency} 将承诺 ${reference} 的状态从“${from}”改为“${to}”`,
      submitted: (agency, cycle, reference) => `${agency} 提交了关于承诺 ${reference} 的活动报告（${cycle}）`,
      accepted: (agency, of, cycle, reference) => `${agency} 接受了 ${of} 关于承诺 ${reference} 的活动报告（${cycle}）`,
      returned: (agency, of, cycle, reference) => `${agency} 退回了 ${of} 关于承诺 ${reference} 的活动报告（${cycle}）`,
      reopened: (agency, of, cycle, reference) => `${agency} 重新打开了 ${of} 关于承诺 ${reference} 的活动报告（${cycle}）`,
      reportOf: (reference) => `承诺 ${reference} 的报告`,
      activityReportOn: (agency, reference) => `${agency} 关于承诺 ${reference} 的活动报告`,
      threadOpened: (agency, on) => `${agency} 就${on}发起了讨论`,
      commentAdded: (agency, on) => `${agency} 在关于${on}的讨论中作了回复`,
      actionSet: (agency, on, assignee, due) => `${agency} 将${on}的一项后续行动分配给 ${assignee}，截止日期为 ${due}`,
      issued: (agency, edition, cycle, framework) => `${agency} 发布了框架 ${framework} 综合报告（${cycle}）第 ${edition} 版`,
      edited: (editors, what, sessions) => `${formatList('zh', editors)} 编辑了${what}${sessions > 1 ? `（${formatNumber('zh', sessions)} 次）` : ''}`,
      commitmentReport: '承诺报告',
      activityReport: (agency) => ` ${agency} 的活动报告`,
    },
    reminder: {
      subject: (reports, agency, actionItems, overdue) => {
        const parts = [...(reports > 0 ? [`${agency} 的 ${formatNumber('zh', reports)} 份报告`] : []), ...(actionItems > 0 ? [`${formatNumber('zh', actionItems)} 项后续行动`] : [])];
        return `Concert 提醒：${parts.join('和')}${overdue ? '已逾期或即将到期' : '即将到期'}`;
      },
      reports: (agency) => `作为 ${agency} 的协调人，请处理以下活动报告：`,
      actionItems: (agency) => `${agency} 的后续行动：`,
    },
    unsubscribePage: {
      title: 'Concert 摘要',
      question: '不再接收 Concert 摘要？',
      button: '退订',
      done: '您将不再收到 Concert 摘要。您可以在设置中重新开启。',
      used: '此链接已使用过：您的 Concert 摘要已关闭。',
      invalid: '此链接无效。您可以在设置中关闭摘要。',
    },
  },
};

import type { Locale } from '../common/locales';
import type { CommitmentStatus } from '../frameworks/domain';
import type { CellState } from './report-composition';

/**
 * The consolidated report's own words (its headings, labels and sentences, never what people wrote) in the UN's six
 * languages (issue #16): a download is written in the language chosen at export. Arabic is laid out right to left.
 */
export interface ReportTexts {
  /** Right to left: the HTML is `dir="rtl"`, the Word paragraphs bidirectional. */
  rtl: boolean;
  /** The Intl locale dates and numbers are written in. */
  intl: string;
  /** Between the agencies of a list ("FAO, WFP"). */
  listSeparator: string;
  kicker: string;
  title(framework: string): string;
  coverLine(code: string, cycle: string, opensOn: string, closesOn: string, dueOn: string): string;
  edition(edition: number): string;
  draftFor(edition: number): string;
  contents: string;
  executiveSummary: string;
  summaryNotWritten: string;
  cycleAtAGlance: string;
  reportsPerAgency: string;
  report: string;
  noReportText: string;
  indicators: string;
  activityReports: string;
  annex: string;
  agency: string;
  commitment: string;
  baseline: string;
  target: string;
  targetDate: string;
  latestValue: string;
  /** What an indicator's chart shows, for those who cannot see it. */
  chartLabel(indicator: string): string;
  chartCaption(indicator: string, cycle: string): string;
  status: string;
  leadAgencies: string;
  contributingAgencies: string;
  dueDate: string;
  none: string;
  statuses: Record<CommitmentStatus, string>;
  states: Record<CellState, string>;
  /** One sentence per agency whose report is not accepted: missing, overdue, returned (with the reason), and so on. */
  pending: Record<CellState, (agency: string, reason: string | null) => string>;
  notStarted(count: string, references: string): string;
  /** The footer's "Page 3 of 12", around the two numbers. */
  page: [before: string, between: string, after: string];
}

export const REPORT_TEXTS: Record<Locale, ReportTexts> = {
  en: {
    rtl: false,
    intl: 'en-GB',
    listSeparator: ', ',
    kicker: 'Consolidated progress report',
    title: (framework) => `Consolidated progress report: ${framework}`,
    coverLine: (code, cycle, opensOn, closesOn, dueOn) => `${code} · reporting cycle ${cycle} (${opensOn} to ${closesOn}, due ${dueOn})`,
    edition: (edition) => `Edition ${edition}`,
    draftFor: (edition) => `Draft for edition ${edition}`,
    contents: 'Contents',
    executiveSummary: 'Executive summary',
    summaryNotWritten: 'The summary has not been written yet.',
    cycleAtAGlance: 'The cycle at a glance',
    reportsPerAgency: 'Reports per agency and state',
    report: 'Report',
    noReportText: 'No report text.',
    indicators: 'Indicators',
    activityReports: "Agencies' activity reports",
    annex: 'Annex: accountability grid',
    agency: 'Agency',
    commitment: 'Commitment',
    baseline: 'Baseline',
    target: 'Target',
    targetDate: 'Target date',
    latestValue: 'Latest value',
    chartLabel: (indicator) => `${indicator}: baseline, target, latest and reported values`,
    chartCaption: (indicator, cycle) => `${indicator}: baseline, target, latest value and the values reported in ${cycle}.`,
    status: 'Status',
    leadAgencies: 'Lead agencies',
    contributingAgencies: 'Contributing agencies',
    dueDate: 'Due date',
    none: 'None',
    statuses: { not_started: 'Not started', on_track: 'On track', at_risk: 'At risk', off_track: 'Off track', achieved: 'Achieved' },
    states: { accepted: 'Accepted', submitted: 'Submitted', returned: 'Returned', draft: 'Draft', missing: 'Missing', overdue: 'Overdue' },
    pending: {
      missing: (agency) => `${agency}: no report yet (missing).`,
      overdue: (agency) => `${agency}: report overdue, not submitted by the due date.`,
      returned: (agency, reason) => `${agency}: report returned${reason ? ` (${reason})` : ''}.`,
      submitted: (agency) => `${agency}: report submitted, awaiting review.`,
      draft: (agency) => `${agency}: report in draft.`,
      accepted: (agency) => `${agency}: report accepted.`,
    },
    notStarted: (count, references) => `No agency has started reporting in this cycle on ${count} of the framework's commitments: ${references}.`,
    page: ['Page ', ' of ', ''],
  },
  fr: {
    rtl: false,
    intl: 'fr',
    listSeparator: ', ',
    kicker: 'Rapport de synthèse sur l’état d’avancement',
    title: (framework) => `Rapport de synthèse sur l’état d’avancement\u00a0: ${framework}`,
    coverLine: (code, cycle, opensOn, closesOn, dueOn) =>
      `${code} · cycle de rapport ${cycle} (du ${opensOn} au ${closesOn}, date limite de présentation\u00a0: ${dueOn})`,
    edition: (edition) => `Édition ${edition}`,
    draftFor: (edition) => `Projet d’édition ${edition}`,
    contents: 'Table des matières',
    executiveSummary: 'Résumé analytique',
    summaryNotWritten: 'Le résumé n’a pas encore été rédigé.',
    cycleAtAGlance: 'Aperçu du cycle',
    reportsPerAgency: 'Rapports par organisme et par état',
    report: 'Rapport',
    noReportText: 'Aucun texte de rapport.',
    indicators: 'Indicateurs',
    activityReports: 'Rapports d’activité des organismes',
    annex: 'Annexe\u00a0: grille de responsabilité',
    agency: 'Organisme',
    commitment: 'Engagement',
    baseline: 'Valeur de référence',
    target: 'Cible',
    targetDate: 'Date cible',
    latestValue: 'Dernière valeur',
    chartLabel: (indicator) => `${indicator}\u00a0: valeur de référence, cible, dernière valeur et valeurs communiquées`,
    chartCaption: (indicator, cycle) => `${indicator}\u00a0: valeur de référence, cible, dernière valeur et valeurs communiquées pour le cycle ${cycle}.`,
    status: 'État d’avancement',
    leadAgencies: 'Organismes chefs de file',
    contributingAgencies: 'Organismes contributeurs',
    dueDate: 'Date d’échéance',
    none: 'Aucun',
    statuses: { not_started: 'Non commencé', on_track: 'En bonne voie', at_risk: 'Compromis', off_track: 'Pas en bonne voie', achieved: 'Réalisé' },
    states: { accepted: 'Accepté', submitted: 'Soumis', returned: 'Renvoyé', draft: 'Projet', missing: 'Manquant', overdue: 'En retard' },
    pending: {
      missing: (agency) => `${agency}\u00a0: aucun rapport pour l’instant (manquant).`,
      overdue: (agency) => `${agency}\u00a0: rapport en retard, non soumis à la date limite.`,
      returned: (agency, reason) => `${agency}\u00a0: rapport renvoyé${reason ? ` (${reason})` : ''}.`,
      submitted: (agency) => `${agency}\u00a0: rapport soumis, en attente d’examen.`,
      draft: (agency) => `${agency}\u00a0: rapport à l’état de projet.`,
      accepted: (agency) => `${agency}\u00a0: rapport accepté.`,
    },
    notStarted: (count, references) =>
      `Aucun organisme n’a commencé à rendre compte au cours de ce cycle de ${count} des engagements du cadre\u00a0: ${references}.`,
    page: ['Page ', ' sur ', ''],
  },
  es: {
    rtl: false,
    intl: 'es',
    listSeparator: ', ',
    kicker: 'Informe consolidado sobre los progresos realizados',
    title: (framework) => `Informe consolidado sobre los progresos realizados: ${framework}`,
    coverLine: (code, cycle, opensOn, closesOn, dueOn) =>
      `${code} · ciclo de presentación de informes ${cycle} (del ${opensOn} al ${closesOn}; fecha límite: ${dueOn})`,
    edition: (edition) => `Edición ${edition}`,
    draftFor: (edition) => `Proyecto de la edición ${edition}`,
    contents: 'Índice',
    executiveSummary: 'Resumen ejecutivo',
    summaryNotWritten: 'El resumen aún no se ha redactado.',
    cycleAtAGlance: 'Panorama general del ciclo',
    reportsPerAgency: 'Informes por organismo y estado',
    report: 'Informe',
    noReportText: 'No hay texto del informe.',
    indicators: 'Indicadores',
    activityReports: 'Informes de actividades de los organismos',
    annex: 'Anexo: cuadro de rendición de cuentas',
    agency: 'Organismo',
    commitment: 'Compromiso',
    baseline: 'Valor de referencia',
    target: 'Meta',
    targetDate: 'Fecha prevista',
    latestValue: 'Último valor',
    chartLabel: (indicator) => `${indicator}: valor de referencia, meta, último valor y valores comunicados`,
    chartCaption: (indicator, cycle) => `${indicator}: valor de referencia, meta, último valor y valores comunicados en el ciclo ${cycle}.`,
    status: 'Estado',
    leadAgencies: 'Organismos principales',
    contributingAgencies: 'Organismos colaboradores',
    dueDate: 'Fecha límite',
    none: 'Ninguno',
    statuses: { not_started: 'No iniciado', on_track: 'Bien encaminado', at_risk: 'En riesgo', off_track: 'Mal encaminado', achieved: 'Logrado' },
    states: { accepted: 'Aceptado', submitted: 'Presentado', returned: 'Devuelto', draft: 'Borrador', missing: 'No recibido', overdue: 'Atrasado' },
    pending: {
      missing: (agency) => `${agency}: aún no se ha recibido el informe.`,
      overdue: (agency) => `${agency}: informe atrasado, no presentado en la fecha límite.`,
      returned: (agency, reason) => `${agency}: informe devuelto${reason ? ` (${reason})` : ''}.`,
      submitted: (agency) => `${agency}: informe presentado, pendiente de examen.`,
      draft: (agency) => `${agency}: informe en borrador.`,
      accepted: (agency) => `${agency}: informe aceptado.`,
    },
    notStarted: (count, references) =>
      `Ningún organismo ha comenzado a informar en este ciclo sobre ${count} de los compromisos del marco: ${references}.`,
    page: ['Página ', ' de ', ''],
  },
  ru: {
    rtl: false,
    intl: 'ru',
    listSeparator: ', ',
    kicker: 'Сводный доклад о ходе работы',
    title: (framework) => `Сводный доклад о ходе работы: ${framework}`,
    coverLine: (code, cycle, opensOn, closesOn, dueOn) => `${code} · отчетный цикл ${cycle} (с ${opensOn} по ${closesOn}, срок представления: ${dueOn})`,
    edition: (edition) => `Редакция ${edition}`,
    draftFor: (edition) => `Проект редакции ${edition}`,
    contents: 'Содержание',
    executiveSummary: 'Резюме',
    summaryNotWritten: 'Резюме еще не подготовлено.',
    cycleAtAGlance: 'Краткий обзор цикла',
    reportsPerAgency: 'Доклады в разбивке по учреждениям и статусу',
    report: 'Доклад',
    noReportText: 'Текст доклада отсутствует.',
    indicators: 'Показатели',
    activityReports: 'Доклады учреждений о деятельности',
    annex: 'Приложение: таблица подотчетности',
    agency: 'Учреждение',
    commitment: 'Обязательство',
    baseline: 'Исходное значение',
    target: 'Целевое значение',
    targetDate: 'Целевой срок',
    latestValue: 'Последнее значение',
    chartLabel: (indicator) => `${indicator}: исходное, целевое, последнее и представленные значения`,
    chartCaption: (indicator, cycle) => `${indicator}: исходное, целевое и последнее значения и значения, представленные за цикл ${cycle}.`,
    status: 'Статус',
    leadAgencies: 'Ведущие учреждения',
    contributingAgencies: 'Участвующие учреждения',
    dueDate: 'Срок',
    none: 'Нет',
    statuses: { not_started: 'Не начато', on_track: 'Идет по плану', at_risk: 'Под угрозой', off_track: 'Отстает от плана', achieved: 'Выполнено' },
    states: { accepted: 'Принят', submitted: 'Представлен', returned: 'Возвращен', draft: 'Проект', missing: 'Отсутствует', overdue: 'Просрочен' },
    pending: {
      missing: (agency) => `${agency}: доклад еще не представлен (отсутствует).`,
      overdue: (agency) => `${agency}: доклад просрочен, не представлен в установленный срок.`,
      returned: (agency, reason) => `${agency}: доклад возвращен${reason ? ` (${reason})` : ''}.`,
      submitted: (agency) => `${agency}: доклад представлен и ожидает рассмотрения.`,
      draft: (agency) => `${agency}: доклад находится в стадии проекта.`,
      accepted: (agency) => `${agency}: доклад принят.`,
    },
    notStarted: (count, references) =>
      `Ни одно учреждение еще не начало отчитываться в этом цикле по обязательствам рамочной программы (${count}): ${references}.`,
    page: ['Страница ', ' из ', ''],
  },
  zh: {
    rtl: false,
    intl: 'zh',
    listSeparator: '、',
    kicker: '进展情况综合报告',
    title: (framework) => `进展情况综合报告：${framework}`,
    coverLine: (code, cycle, opensOn, closesOn, dueOn) => `${code} · 报告周期 ${cycle}（${opensOn}至${closesOn}，截止日期：${dueOn}）`,
    edition: (edition) => `第${edition}版`,
    draftFor: (edition) => `第${edition}版草稿`,
    contents: '目录',
    executiveSummary: '内容提要',
    summaryNotWritten: '尚未撰写内容提要。',
    cycleAtAGlance: '本周期概览',
    reportsPerAgency: '按机构和状态分列的报告',
    report: '报告',
    noReportText: '无报告正文。',
    indicators: '指标',
    activityReports: '各机构的活动报告',
    annex: '附件：问责表',
    agency: '机构',
    commitment: '承诺',
    baseline: '基线',
    target: '目标',
    targetDate: '目标日期',
    latestValue: '最新值',
    chartLabel: (indicator) => `${indicator}：基线、目标、最新值和报告值`,
    chartCaption: (indicator, cycle) => `${indicator}：基线、目标、最新值和${cycle}报告周期内报告的值。`,
    status: '状态',
    leadAgencies: '牵头机构',
    contributingAgencies: '协作机构',
    dueDate: '截止日期',
    none: '无',
    statuses: { not_started: '未开始', on_track: '进展顺利', at_risk: '有风险', off_track: '偏离轨道', achieved: '已实现' },
    states: { accepted: '已接受', submitted: '已提交', returned: '已退回', draft: '草稿', missing: '缺失', overdue: '逾期' },
    pending: {
      missing: (agency) => `${agency}：尚无报告（缺失）。`,
      overdue: (agency) => `${agency}：报告逾期，截止日期前未提交。`,
      returned: (agency, reason) => `${agency}：报告已退回${reason ? `（${reason}）` : ''}。`,
      submitted: (agency) => `${agency}：报告已提交，等待审查。`,
      draft: (agency) => `${agency}：报告尚为草稿。`,
      accepted: (agency) => `${agency}：报告已接受。`,
    },
    notStarted: (count, references) => `本周期内，框架中有${count}项承诺尚无任何机构开始报告：${references}。`,
    page: ['第', '页，共', '页'],
  },
  ar: {
    rtl: true,
    intl: 'ar',
    listSeparator: '، ',
    kicker: 'التقرير المرحلي الموحد',
    title: (framework) => `التقرير المرحلي الموحد: ${framework}`,
    coverLine: (code, cycle, opensOn, closesOn, dueOn) => `${code} · دورة الإبلاغ ${cycle} (من ${opensOn} إلى ${closesOn}، الموعد النهائي: ${dueOn})`,
    edition: (edition) => `الإصدار ${edition}`,
    draftFor: (edition) => `مشروع الإصدار ${edition}`,
    contents: 'المحتويات',
    executiveSummary: 'موجز تنفيذي',
    summaryNotWritten: 'لم يُكتب الموجز بعد.',
    cycleAtAGlance: 'لمحة عامة عن الدورة',
    reportsPerAgency: 'التقارير حسب الوكالة والحالة',
    report: 'التقرير',
    noReportText: 'لا يوجد نص للتقرير.',
    indicators: 'المؤشرات',
    activityReports: 'تقارير أنشطة الوكالات',
    annex: 'المرفق: جدول المساءلة',
    agency: 'الوكالة',
    commitment: 'الالتزام',
    baseline: 'خط الأساس',
    target: 'الهدف',
    targetDate: 'التاريخ المستهدف',
    latestValue: 'أحدث قيمة',
    chartLabel: (indicator) => `${indicator}: خط الأساس والهدف وأحدث قيمة والقيم المبلّغ عنها`,
    chartCaption: (indicator, cycle) => `${indicator}: خط الأساس والهدف وأحدث قيمة والقيم المبلّغ عنها في الدورة ${cycle}.`,
    status: 'الحالة',
    leadAgencies: 'الوكالات الرائدة',
    contributingAgencies: 'الوكالات المساهمة',
    dueDate: 'الموعد النهائي',
    none: 'لا يوجد',
    statuses: { not_started: 'لم يبدأ', on_track: 'يسير في المسار الصحيح', at_risk: 'معرّض للخطر', off_track: 'خارج المسار', achieved: 'تحقق' },
    states: { accepted: 'مقبول', submitted: 'مقدَّم', returned: 'مُعاد', draft: 'مسودة', missing: 'لم يُقدَّم', overdue: 'متأخر' },
    pending: {
      missing: (agency) => `${agency}: لم يُقدَّم أي تقرير بعد.`,
      overdue: (agency) => `${agency}: التقرير متأخر، إذ لم يُقدَّم بحلول الموعد النهائي.`,
      returned: (agency, reason) => `${agency}: أُعيد التقرير${reason ? ` (${reason})` : ''}.`,
      submitted: (agency) => `${agency}: قُدِّم التقرير وهو قيد الاستعراض.`,
      draft: (agency) => `${agency}: التقرير في مرحلة المسودة.`,
      accepted: (agency) => `${agency}: قُبل التقرير.`,
    },
    notStarted: (count, references) => `لم تبدأ أي وكالة الإبلاغ في هذه الدورة عن ${count} من التزامات الإطار: ${references}.`,
    page: ['الصفحة ', ' من ', ''],
  },
};

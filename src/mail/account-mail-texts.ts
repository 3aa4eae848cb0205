import type { Role } from '../accounts/role';
import type { Locale } from '../common/locales';
import { html, type SafeHtml } from './html';

/**
 * The words of the account mails (an invitation, a password reset) in the UN's six languages (issue #16): the
 * recipient reads them in their own language, the invitee in the one the inviter chose. The link's lifetime is a
 * constant (7 days, 60 minutes), so each language's plural form is written for it.
 */
export interface AccountMailTexts {
  /** Right to left: the HTML body is wrapped in a `dir="rtl"` block. */
  rtl: boolean;
  role: Record<Role, string>;
  invitation: {
    subject(inviter: string, agencyCode: string): string;
    intro(inviter: string, agencyName: string, role: string): string;
    /** The text body's line before the link. */
    linkLine(days: number): string;
    /** The HTML body's link and what follows it. */
    linkText: string;
    linkAfter(days: number): string;
  };
  passwordReset: {
    subject: string;
    intro: string;
    linkLine(minutes: number): string;
    linkText: string;
    linkAfter(minutes: number): string;
    notYou: string;
  };
}

export const ACCOUNT_MAIL_TEXTS: Record<Locale, AccountMailTexts> = {
  en: {
    rtl: false,
    role: { staff: 'staff', focal_point: 'focal point', secretariat: 'secretariat' },
    invitation: {
      subject: (inviter, code) => `${inviter} invites you to Concert (${code})`,
      intro: (inviter, agency, role) => `${inviter} invites you to join ${agency} in Concert as ${role}.`,
      linkLine: (days) => `Choose your password here (the link works once, for ${days} days):`,
      linkText: 'Choose your password',
      linkAfter: (days) => ` (the link works once, for ${days} days).`,
    },
    passwordReset: {
      subject: 'Reset your Concert password',
      intro: 'Someone asked to reset the password of your Concert account.',
      linkLine: (minutes) => `If it was you, choose a new one here (the link works once, within ${minutes} minutes):`,
      linkText: 'If it was you, choose a new one',
      linkAfter: (minutes) => ` (the link works once, within ${minutes} minutes).`,
      notYou: 'If it was not you, ignore this mail.',
    },
  },
  fr: {
    rtl: false,
    role: { staff: 'membre du personnel', focal_point: 'point focal', secretariat: 'membre du secrétariat' },
    invitation: {
      subject: (inviter, code) => `${inviter} vous invite à rejoindre Concert (${code})`,
      intro: (inviter, agency, role) => `${inviter} vous invite à rejoindre l’espace de l’organisation « ${agency} » dans Concert en tant que ${role}.`,
      linkLine: (days) => `Choisissez votre mot de passe ici (le lien ne fonctionne qu’une fois, pendant ${days} jours) :`,
      linkText: 'Choisissez votre mot de passe',
      linkAfter: (days) => ` (le lien ne fonctionne qu’une fois, pendant ${days} jours).`,
    },
    passwordReset: {
      subject: 'Réinitialisez votre mot de passe Concert',
      intro: 'Quelqu’un a demandé la réinitialisation du mot de passe de votre compte Concert.',
      linkLine: (minutes) => `Si c’est vous, choisissez-en un nouveau ici (le lien ne fonctionne qu’une fois, dans les ${minutes} minutes) :`,
      linkText: 'Si c’est vous, choisissez-en un nouveau',
      linkAfter: (minutes) => ` (le lien ne fonctionne qu’une fois, dans les ${minutes} minutes).`,
      notYou: 'Si ce n’est pas vous, ignorez ce message.',
    },
  },
  es: {
    rtl: false,
    role: { staff: 'miembro del personal', focal_point: 'punto focal', secretariat: 'miembro de la secretaría' },
    invitation: {
      subject: (inviter, code) => `${inviter} le invita a Concert (${code})`,
      intro: (inviter, agency, role) => `${inviter} le invita a unirse al espacio de «${agency}» en Concert como ${role}.`,
      linkLine: (days) => `Elija su contraseña aquí (el enlace funciona una sola vez, durante ${days} días):`,
      linkText: 'Elija su contraseña',
      linkAfter: (days) => ` (el enlace funciona una sola vez, durante ${days} días).`,
    },
    passwordReset: {
      subject: 'Restablezca su contraseña de Concert',
      intro: 'Alguien solicitó restablecer la contraseña de su cuenta de Concert.',
      linkLine: (minutes) => `Si fue usted, elija una nueva aquí (el enlace funciona una sola vez, dentro de ${minutes} minutos):`,
      linkText: 'Si fue usted, elija una nueva',
      linkAfter: (minutes) => ` (el enlace funciona una sola vez, dentro de ${minutes} minutos).`,
      notYou: 'Si no fue usted, ignore este mensaje.',
    },
  },
  ar: {
    rtl: true,
    role: { staff: 'موظف', focal_point: 'جهة تنسيق', secretariat: 'عضو في الأمانة' },
    invitation: {
      subject: (inviter, code) => `${inviter} يدعوك إلى Concert (${code})`,
      intro: (inviter, agency, role) => `يدعوك ${inviter} إلى الانضمام إلى فضاء «${agency}» في Concert بصفة ${role}.`,
      linkLine: (days) => `اختر كلمة المرور من هنا (يعمل الرابط مرة واحدة، لمدة ${days} أيام):`,
      linkText: 'اختر كلمة المرور',
      linkAfter: (days) => ` (يعمل الرابط مرة واحدة، لمدة ${days} أيام).`,
    },
    passwordReset: {
      subject: 'إعادة تعيين كلمة مرور Concert',
      intro: 'طلب أحدهم إعادة تعيين كلمة مرور حسابك في Concert.',
      linkLine: (minutes) => `إن كنت أنت، فاختر كلمة مرور جديدة من هنا (يعمل الرابط مرة واحدة، خلال ${minutes} دقيقة):`,
      linkText: 'إن كنت أنت، فاختر كلمة مرور جديدة',
      linkAfter: (minutes) => ` (يعمل الرابط مرة واحدة، خلال ${minutes} دقيقة).`,
      notYou: 'إن لم تكن أنت، فتجاهل هذه الرسالة.',
    },
  },
  ru: {
    rtl: false,
    role: { staff: 'сотрудник', focal_point: 'координатор', secretariat: 'сотрудник секретариата' },
    invitation: {
      subject: (inviter, code) => `${inviter} приглашает вас в Concert (${code})`,
      intro: (inviter, agency, role) => `${inviter} приглашает вас в Concert. Организация: ${agency}; роль: ${role}.`,
      linkLine: (days) => `Выберите пароль по этой ссылке (она действует один раз в течение ${days} дней):`,
      linkText: 'Выберите пароль',
      linkAfter: (days) => ` (ссылка действует один раз в течение ${days} дней).`,
    },
    passwordReset: {
      subject: 'Сброс пароля Concert',
      intro: 'Кто-то запросил сброс пароля вашей учетной записи Concert.',
      linkLine: (minutes) => `Если это были вы, выберите новый пароль по этой ссылке (она действует один раз в течение ${minutes} минут):`,
      linkText: 'Если это были вы, выберите новый пароль',
      linkAfter: (minutes) => ` (ссылка действует один раз в течение ${minutes} минут).`,
      notYou: 'Если это были не вы, просто проигнорируйте это письмо.',
    },
  },
  zh: {
    rtl: false,
    role: { staff: '工作人员', focal_point: '协调人', secretariat: '秘书处成员' },
    invitation: {
      subject: (inviter, code) => `${inviter}邀请您加入 Concert（${code}）`,
      intro: (inviter, agency, role) => `${inviter}邀请您以${role}身份加入 Concert 中的${agency}。`,
      linkLine: (days) => `请在此设置密码（链接仅可使用一次，有效期 ${days} 天）：`,
      linkText: '设置密码',
      linkAfter: (days) => `（链接仅可使用一次，有效期 ${days} 天）。`,
    },
    passwordReset: {
      subject: '重置您的 Concert 密码',
      intro: '有人请求重置您的 Concert 账户密码。',
      linkLine: (minutes) => `如果是您本人，请在此设置新密码（链接仅可使用一次，${minutes} 分钟内有效）：`,
      linkText: '如果是您本人，请设置新密码',
      linkAfter: (minutes) => `（链接仅可使用一次，${minutes} 分钟内有效）。`,
      notYou: '如果不是您本人，请忽略此邮件。',
    },
  },
};

/** A mail's HTML body marked with its language, right to left for Arabic. */
export function inLanguage(locale: Locale, body: SafeHtml): string {
  return html`<div lang="${locale}" dir="${ACCOUNT_MAIL_TEXTS[locale].rtl ? 'rtl' : 'ltr'}">${body}</div>`.value;
}

// Sent when the district's student information system changed the e-mail address on a parent's
// record while the parent has a portal login: to the old address (so a takeover through a
// changed address cannot go unnoticed) and to the new one. Usernames and codes now go to the new one.
import { defineEmailTemplate } from "@/lib/mail/email-template";

export interface ContactEmailChangedParams {
  username: string;
  /** The new address, partly hidden (j***@example.com, lib/accounts/mask-email.ts): the old inbox may not be the parent's any more. */
  newAddressHint: string;
}

export const contactEmailChanged = defineEmailTemplate<ContactEmailChangedParams>({
  name: "contact-email-changed",
  sensitive: false,
  render(locale, { username, newAddressHint }, district) {
    switch (locale) {
      case "es":
        return {
          subject: `${district.portalName}: cambió su dirección de correo electrónico`,
          paragraphs: [
            `${district.districtName} cambió la dirección de correo electrónico de su registro (usuario del ${district.portalName}: ${username}). Desde ahora, su nombre de usuario y los códigos de seguridad se envían a ${newAddressHint}.`,
            `Si usted no pidió este cambio, llame de inmediato al ${district.supportPhone}.`,
          ],
        };
      case "vi":
        return {
          subject: `${district.portalName}: địa chỉ email của quý vị đã thay đổi`,
          paragraphs: [
            `${district.districtName} đã thay đổi địa chỉ email trong hồ sơ của quý vị (tên người dùng ${district.portalName}: ${username}). Từ nay, tên người dùng và mã bảo mật sẽ được gửi đến ${newAddressHint}.`,
            `Nếu quý vị không yêu cầu thay đổi này, xin gọi ngay số ${district.supportPhone}.`,
          ],
        };
      case "ar":
        return {
          subject: `${district.portalName}: تم تغيير عنوان بريدك الإلكتروني`,
          paragraphs: [
            `قامت ${district.districtName} بتغيير عنوان البريد الإلكتروني في سجلك (اسم المستخدم في ${district.portalName}: ${username}). من الآن فصاعدًا، يُرسل اسم المستخدم ورموز الأمان إلى ${newAddressHint}.`,
            `إذا لم تطلب هذا التغيير، فاتصل فورًا بالرقم ${district.supportPhone}.`,
          ],
        };
      default:
        return {
          subject: `${district.portalName}: your e-mail address changed`,
          paragraphs: [
            `${district.districtName} changed the e-mail address on your record (${district.portalName} username: ${username}). From now on your username and security codes are sent to ${newAddressHint}.`,
            `If you did not ask for this change, call ${district.supportPhone} right away.`,
          ],
        };
    }
  },
});

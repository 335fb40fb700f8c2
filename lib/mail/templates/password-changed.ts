// Sent after a parent's password changed (first-sign-in choice, signed-in change, Forgot
// Password): the warning that matters is "if this was not you, call us".
import { defineEmailTemplate } from "@/lib/mail/email-template";

export interface PasswordChangedParams {
  username: string;
}

export const passwordChanged = defineEmailTemplate<PasswordChangedParams>({
  name: "password-changed",
  sensitive: false,
  render(locale, { username }, district) {
    const signInUrl = `${district.portalUrl}/sign-in`;
    switch (locale) {
      case "es":
        return {
          subject: `Se cambió su contraseña del ${district.portalName}`,
          paragraphs: [
            `Se cambió correctamente la contraseña de su cuenta del ${district.portalName} (usuario: ${username}).`,
            `Si usted no hizo este cambio, llame de inmediato al ${district.supportPhone}.`,
            "No responda a este correo.",
          ],
          action: { label: "Iniciar sesión", url: signInUrl },
        };
      case "vi":
        return {
          subject: `Mật khẩu ${district.portalName} của quý vị đã được thay đổi`,
          paragraphs: [
            `Mật khẩu tài khoản ${district.portalName} của quý vị (tên người dùng: ${username}) đã được thay đổi thành công.`,
            `Nếu quý vị không thực hiện thay đổi này, vui lòng gọi ngay số ${district.supportPhone}.`,
            "Vui lòng không trả lời email này.",
          ],
          action: { label: "Đăng nhập", url: signInUrl },
        };
      case "ar":
        return {
          subject: `تم تغيير كلمة مرور حسابك في ${district.portalName}`,
          paragraphs: [
            `تم تغيير كلمة مرور حسابك في ${district.portalName} (اسم المستخدم: ${username}) بنجاح.`,
            `إذا لم تقم بهذا التغيير، فيرجى الاتصال فورًا بالرقم ${district.supportPhone}.`,
            "يرجى عدم الرد على هذه الرسالة.",
          ],
          action: { label: "تسجيل الدخول", url: signInUrl },
        };
      default:
        return {
          subject: `Your ${district.portalName} password has been changed`,
          paragraphs: [
            `The password of your ${district.portalName} account (username: ${username}) has been changed successfully.`,
            `If you did not make this change, call ${district.supportPhone} immediately.`,
            "Please do not reply to this email.",
          ],
          action: { label: "Sign in", url: signInUrl },
        };
    }
  },
});

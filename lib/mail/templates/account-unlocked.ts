// Sent after a parent unlocked their sign-in with a Forgot Password security code and kept
// their password: the warning that matters is "if this was not you, call us and change it".
import { defineEmailTemplate } from "@/lib/mail/email-template";

export interface AccountUnlockedParams {
  username: string;
}

export const accountUnlocked = defineEmailTemplate<AccountUnlockedParams>({
  name: "account-unlocked",
  sensitive: false,
  render(locale, { username }, district) {
    const signInUrl = `${district.portalUrl}/sign-in`;
    switch (locale) {
      case "es":
        return {
          subject: `Se desbloqueó su cuenta del ${district.portalName}`,
          paragraphs: [
            `Se desbloqueó el inicio de sesión de su cuenta del ${district.portalName} (usuario: ${username}) con el código de seguridad enviado a esta dirección. Su contraseña no cambió.`,
            `Si usted no hizo esto, llame de inmediato al ${district.supportPhone} y cambie su contraseña.`,
            "No responda a este correo.",
          ],
          action: { label: "Iniciar sesión", url: signInUrl },
        };
      case "vi":
        return {
          subject: `Tài khoản ${district.portalName} của quý vị đã được mở khóa`,
          paragraphs: [
            `Việc đăng nhập vào tài khoản ${district.portalName} của quý vị (tên người dùng: ${username}) đã được mở khóa bằng mã bảo mật gửi đến địa chỉ này. Mật khẩu của quý vị không thay đổi.`,
            `Nếu quý vị không thực hiện việc này, vui lòng gọi ngay số ${district.supportPhone} và đổi mật khẩu.`,
            "Vui lòng không trả lời email này.",
          ],
          action: { label: "Đăng nhập", url: signInUrl },
        };
      case "ar":
        return {
          subject: `تم إلغاء قفل حسابك في ${district.portalName}`,
          paragraphs: [
            `تم إلغاء قفل تسجيل الدخول إلى حسابك في ${district.portalName} (اسم المستخدم: ${username}) باستخدام رمز الأمان المرسل إلى هذا العنوان. لم تتغير كلمة المرور الخاصة بك.`,
            `إذا لم تقم بذلك، فيرجى الاتصال فورًا بالرقم ${district.supportPhone} وتغيير كلمة المرور.`,
            "يرجى عدم الرد على هذه الرسالة.",
          ],
          action: { label: "تسجيل الدخول", url: signInUrl },
        };
      default:
        return {
          subject: `Your ${district.portalName} account was unlocked`,
          paragraphs: [
            `Signing in to your ${district.portalName} account (username: ${username}) was unlocked with the security code sent to this address. Your password has not changed.`,
            `If you did not do this, call ${district.supportPhone} immediately and change your password.`,
            "Please do not reply to this email.",
          ],
          action: { label: "Sign in", url: signInUrl },
        };
    }
  },
});

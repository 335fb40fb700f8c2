// Sent when a parent (re-)registers: the temporary password, only ever shown here. The
// outbox erases the params (the password) once it is sent (sensitive).
import { defineEmailTemplate } from "@/lib/mail/email-template";

export interface TemporaryPasswordParams {
  username: string;
  temporaryPassword: string;
  validHours: number;
}

export const temporaryPasswordEmail = defineEmailTemplate<TemporaryPasswordParams>({
  name: "temporary-password",
  sensitive: true,
  render(locale, { username, temporaryPassword, validHours }, district) {
    const signInUrl = `${district.portalUrl}/sign-in`;
    switch (locale) {
      case "es":
        return {
          subject: `Su contraseña temporal del ${district.portalName}`,
          paragraphs: [
            `Se creó su cuenta del ${district.portalName}. Su nombre de usuario es: ${username}`,
            `Inicie sesión con esta contraseña temporal. Solo sirve una vez y vence en ${validHours} horas. Al entrar, deberá elegir una contraseña permanente.`,
            `Si usted no creó esta cuenta, llame al ${district.supportPhone}.`,
            "No responda a este correo.",
          ],
          highlight: { label: "Contraseña temporal", value: temporaryPassword },
          action: { label: "Iniciar sesión", url: signInUrl },
        };
      case "vi":
        return {
          subject: `Mật khẩu tạm thời ${district.portalName} của quý vị`,
          paragraphs: [
            `Tài khoản ${district.portalName} của quý vị đã được tạo. Tên người dùng của quý vị là: ${username}`,
            `Vui lòng đăng nhập bằng mật khẩu tạm thời này. Mật khẩu chỉ dùng được một lần và hết hạn sau ${validHours} giờ. Sau khi đăng nhập, quý vị phải chọn mật khẩu chính thức.`,
            `Nếu quý vị không tạo tài khoản này, vui lòng gọi số ${district.supportPhone}.`,
            "Vui lòng không trả lời email này.",
          ],
          highlight: { label: "Mật khẩu tạm thời", value: temporaryPassword },
          action: { label: "Đăng nhập", url: signInUrl },
        };
      case "ar":
        return {
          subject: `كلمة المرور المؤقتة لحسابك في ${district.portalName}`,
          paragraphs: [
            `تم إنشاء حسابك في ${district.portalName}. اسم المستخدم الخاص بك هو: ${username}`,
            `سجّل الدخول باستخدام كلمة المرور المؤقتة هذه. يمكن استخدامها مرة واحدة فقط، وتنتهي صلاحيتها بعد ${validHours} ساعة. بعد تسجيل الدخول، سيُطلب منك اختيار كلمة مرور دائمة.`,
            `إذا لم تقم بإنشاء هذا الحساب، فيرجى الاتصال بالرقم ${district.supportPhone}.`,
            "يرجى عدم الرد على هذه الرسالة.",
          ],
          highlight: { label: "كلمة المرور المؤقتة", value: temporaryPassword },
          action: { label: "تسجيل الدخول", url: signInUrl },
        };
      default:
        return {
          subject: `Your temporary ${district.portalName} password`,
          paragraphs: [
            `Your ${district.portalName} account has been created. Your username is: ${username}`,
            `Sign in with this temporary password. It works only once and expires in ${validHours} hours. After signing in you must choose a permanent password.`,
            `If you did not create this account, call ${district.supportPhone}.`,
            "Please do not reply to this email.",
          ],
          highlight: { label: "Temporary password", value: temporaryPassword },
          action: { label: "Sign in", url: signInUrl },
        };
    }
  },
});

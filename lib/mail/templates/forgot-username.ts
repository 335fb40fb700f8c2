// Forgot Username: every username of the parent accounts that use the address it goes to.
import { defineEmailTemplate } from "@/lib/mail/email-template";

export interface ForgotUsernameParams {
  usernames: string[];
}

export const forgotUsername = defineEmailTemplate<ForgotUsernameParams>({
  name: "forgot-username",
  sensitive: false,
  render(locale, { usernames }, district) {
    const several = usernames.length > 1;
    const value = usernames.join(", ");
    const signInUrl = `${district.portalUrl}/sign-in`;
    const { portalName, supportPhone } = district;
    switch (locale) {
      case "es":
        return {
          subject: several ? `Sus nombres de usuario del ${portalName}` : `Su nombre de usuario del ${portalName}`,
          paragraphs: [
            several
              ? `Nos pidió recordarle los nombres de usuario de las cuentas del ${portalName} que usan este correo electrónico.`
              : `Nos pidió recordarle el nombre de usuario de la cuenta del ${portalName} que usa este correo electrónico.`,
            `Si usted no lo solicitó, puede ignorar este correo: no se cambió nada. Si tiene preguntas, llame al ${supportPhone}.`,
            "Por favor, no responda a este correo.",
          ],
          highlight: { label: several ? "Nombres de usuario" : "Nombre de usuario", value },
          action: { label: "Iniciar sesión", url: signInUrl },
        };
      case "vi":
        return {
          subject: `Tên người dùng ${portalName} của quý vị`,
          paragraphs: [
            several
              ? `Quý vị đã yêu cầu nhắc lại tên người dùng của các tài khoản ${portalName} sử dụng địa chỉ email này.`
              : `Quý vị đã yêu cầu nhắc lại tên người dùng của tài khoản ${portalName} sử dụng địa chỉ email này.`,
            `Nếu quý vị không yêu cầu việc này, xin bỏ qua email này: không có gì thay đổi. Nếu có thắc mắc, xin gọi ${supportPhone}.`,
            "Vui lòng không trả lời email này.",
          ],
          highlight: { label: "Tên người dùng", value },
          action: { label: "Đăng nhập", url: signInUrl },
        };
      case "ar":
        return {
          subject: several ? `أسماء المستخدمين الخاصة بك في ${portalName}` : `اسم المستخدم الخاص بك في ${portalName}`,
          paragraphs: [
            several
              ? `طلبتَ تذكيرك بأسماء المستخدمين للحسابات في ${portalName} التي تستخدم عنوان البريد الإلكتروني هذا.`
              : `طلبتَ تذكيرك باسم المستخدم للحساب في ${portalName} الذي يستخدم عنوان البريد الإلكتروني هذا.`,
            `إذا لم تطلب ذلك، يمكنك تجاهل هذه الرسالة، فلم يتم تغيير أي شيء. للاستفسار، اتصل بالرقم ${supportPhone}.`,
            "يُرجى عدم الرد على هذه الرسالة.",
          ],
          highlight: { label: several ? "أسماء المستخدمين" : "اسم المستخدم", value },
          action: { label: "تسجيل الدخول", url: signInUrl },
        };
      default:
        return {
          subject: several ? `Your ${portalName} usernames` : `Your ${portalName} username`,
          paragraphs: [
            several
              ? `You asked us to remind you of the usernames of the ${portalName} accounts that use this email address.`
              : `You asked us to remind you of the username of the ${portalName} account that uses this email address.`,
            `If you did not ask for this, you can ignore this email: nothing was changed. Questions? Call ${supportPhone}.`,
            "Please do not reply to this email.",
          ],
          highlight: { label: several ? "Usernames" : "Username", value },
          action: { label: "Sign in", url: signInUrl },
        };
    }
  },
});

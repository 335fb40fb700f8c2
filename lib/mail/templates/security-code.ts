// Forgot Password: the six-digit security code. Sensitive: the outbox erases the params (the code) once sent.
import { defineEmailTemplate } from "@/lib/mail/email-template";

export interface SecurityCodeParams {
  code: string;
  validMinutes: number;
}

export const securityCode = defineEmailTemplate<SecurityCodeParams>({
  name: "security-code",
  sensitive: true,
  render(locale, { code, validMinutes }, district) {
    switch (locale) {
      case "es":
        return {
          subject: `Restablezca su contraseña del ${district.portalName}`,
          paragraphs: [
            "Ingrese este código de seguridad para restablecer su contraseña.",
            `Este código de seguridad es válido solo durante ${validMinutes} minutos y se puede usar una sola vez.`,
            `Si usted no solicitó restablecer su contraseña, llame de inmediato al ${district.supportPhone}.`,
            "Por favor, no responda a este correo.",
          ],
          highlight: { label: "Su código de seguridad", value: code },
        };
      case "vi":
        return {
          subject: `Đặt lại mật khẩu ${district.portalName} của quý vị`,
          paragraphs: [
            "Xin nhập mã bảo mật này để đặt lại mật khẩu của quý vị.",
            `Mã bảo mật này chỉ có hiệu lực trong ${validMinutes} phút và chỉ dùng được một lần.`,
            `Nếu quý vị không yêu cầu đặt lại mật khẩu, xin gọi ngay số ${district.supportPhone}.`,
            "Vui lòng không trả lời email này.",
          ],
          highlight: { label: "Mã bảo mật của quý vị", value: code },
        };
      case "ar":
        return {
          subject: `إعادة تعيين كلمة المرور الخاصة بك في ${district.portalName}`,
          paragraphs: [
            "أدخل رمز الأمان هذا لإعادة تعيين كلمة المرور الخاصة بك.",
            `رمز الأمان هذا صالح لمدة ${validMinutes} دقيقة فقط، ويمكن استخدامه مرة واحدة.`,
            `إذا لم تطلب إعادة تعيين كلمة المرور، فيُرجى الاتصال فورًا بالرقم ${district.supportPhone}.`,
            "يُرجى عدم الرد على هذه الرسالة.",
          ],
          highlight: { label: "رمز الأمان الخاص بك", value: code },
        };
      default:
        return {
          subject: `Reset your ${district.portalName} password`,
          paragraphs: [
            "Enter this security code to reset your password.",
            `This security code is only valid for ${validMinutes} minutes and can be used once.`,
            `If you did not request to reset your password, please call ${district.supportPhone} immediately.`,
            "Please do not reply to this email.",
          ],
          highlight: { label: "Your security code", value: code },
        };
    }
  },
});

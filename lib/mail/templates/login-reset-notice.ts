// Sent when staff reset a parent's portal login: what happened and how to get back in.
import { defineEmailTemplate } from "@/lib/mail/email-template";

export interface LoginResetNoticeParams {
  parentName: string;
  username: string;
}

export const loginResetNotice = defineEmailTemplate<LoginResetNoticeParams>({
  name: "login-reset-notice",
  sensitive: false,
  render(locale, { parentName, username }, district) {
    const createUrl = `${district.portalUrl}/create-account`;
    switch (locale) {
      case "es":
        return {
          subject: `${district.portalName}: se restableció su inicio de sesión`,
          paragraphs: [
            `Estimado/a ${parentName}:`,
            `El personal de ${district.districtName} restableció su inicio de sesión del ${district.portalName} (usuario: ${username}). Su contraseña anterior ya no funciona.`,
            "Para volver a entrar, cree su cuenta de nuevo con el enlace «Crear una cuenta nueva» de la página de inicio de sesión. Puede usar el mismo nombre de usuario u otro. Necesitará el número de identificación de su hijo/a y su nombre y apellido tal como figuran en la escuela. Le enviaremos una contraseña temporal a este correo.",
            "Si su hijo/a tenía una cuenta de estudiante, deberá crearla de nuevo.",
            `Si usted no pidió este cambio o necesita ayuda, llame al ${district.supportPhone}.`,
          ],
          action: { label: "Crear una cuenta nueva", url: createUrl },
        };
      case "vi":
        return {
          subject: `${district.portalName}: thông tin đăng nhập của quý vị đã được đặt lại`,
          paragraphs: [
            `Kính gửi ${parentName},`,
            `Nhân viên ${district.districtName} đã đặt lại thông tin đăng nhập ${district.portalName} của quý vị (tên người dùng: ${username}). Mật khẩu cũ không còn sử dụng được.`,
            "Để đăng nhập lại, xin tạo lại tài khoản bằng đường dẫn “Tạo tài khoản mới” trên trang đăng nhập. Quý vị có thể dùng lại tên người dùng cũ hoặc chọn tên mới. Quý vị sẽ cần mã số học sinh của con và họ tên của mình đúng như hồ sơ của trường. Chúng tôi sẽ gửi mật khẩu tạm thời đến địa chỉ email này.",
            "Nếu con quý vị đã có tài khoản học sinh, quý vị cần tạo lại tài khoản đó.",
            `Nếu quý vị không yêu cầu việc này hoặc cần giúp đỡ, xin gọi ${district.supportPhone}.`,
          ],
          action: { label: "Tạo tài khoản mới", url: createUrl },
        };
      case "ar":
        return {
          subject: `${district.portalName}: تمت إعادة تعيين بيانات تسجيل الدخول الخاصة بك`,
          paragraphs: [
            `عزيزي ولي الأمر ${parentName}،`,
            `قام موظفو ${district.districtName} بإعادة تعيين بيانات تسجيل دخولك إلى ${district.portalName} (اسم المستخدم: ${username}). لم تعد كلمة المرور القديمة صالحة.`,
            "للدخول مرة أخرى، أنشئ حسابك من جديد عبر رابط «إنشاء حساب جديد» في صفحة تسجيل الدخول. يمكنك استخدام اسم المستخدم نفسه أو اسم جديد. ستحتاج إلى الرقم التعريفي لطفلك واسمك الأول واسم العائلة كما هما مسجلان لدى المدرسة. سنرسل كلمة مرور مؤقتة إلى عنوان البريد الإلكتروني هذا.",
            "إذا كان لطفلك حساب طالب، فسيلزم إنشاؤه من جديد.",
            `إذا لم تطلب هذا التغيير أو كنت بحاجة إلى مساعدة، فاتصل بالرقم ${district.supportPhone}.`,
          ],
          action: { label: "إنشاء حساب جديد", url: createUrl },
        };
      default:
        return {
          subject: `${district.portalName}: your login was reset`,
          paragraphs: [
            `Dear ${parentName},`,
            `${district.districtName} staff reset your ${district.portalName} login (username: ${username}). Your old password no longer works.`,
            "To get back in, create your account again with the “Create a new account” link on the sign-in page. You may keep the same username or choose a new one. You will need your child's student ID number and your first and last name exactly as the school has them. We will e-mail a temporary password to this address.",
            "If your child had a student account, it must be created again.",
            `If you did not ask for this or need help, call ${district.supportPhone}.`,
          ],
          action: { label: "Create a new account", url: createUrl },
        };
    }
  },
});

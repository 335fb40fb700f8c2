// Name lists for the demo seed and the benchmark generator. Written with their real
// accents and diacritics (García, Nguyễn, Đặng) so that search folding is exercised;
// the most common surnames of each culture come first (the generator skews toward them).

export type Culture = "en" | "es" | "vi" | "ar";

export interface CultureNames {
  /** Preferred language of most contacts of this culture. */
  locale: Culture;
  lastNames: readonly string[];
  femaleFirstNames: readonly string[];
  maleFirstNames: readonly string[];
  /** First names given to children (often mixed with English names). */
  childFirstNames: readonly string[];
}

export const CULTURES: Record<Culture, CultureNames> = {
  en: {
    locale: "en",
    lastNames: [
      "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
      "Thomas", "Moore", "Jackson", "Martin", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson",
      "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker",
      "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards",
      "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "O'Brien", "O'Connor", "McDonald", "Smith-Jones",
      "Bennett", "Brooks", "Sullivan", "Foster", "Hughes", "Price", "Myers", "Long", "Russell", "Fisher",
    ],
    femaleFirstNames: [
      "Jennifer", "Jessica", "Sarah", "Emily", "Ashley", "Amanda", "Elizabeth", "Megan", "Rachel", "Lauren",
      "Karen", "Michelle", "Laura", "Heather", "Nicole", "Rebecca", "Katherine", "Anne-Marie", "Chloé", "Zoë",
    ],
    maleFirstNames: [
      "Michael", "David", "James", "John", "Robert", "Christopher", "Daniel", "Matthew", "Andrew", "Joshua",
      "Brian", "Kevin", "Jason", "Ryan", "Eric", "Steven", "Thomas", "Mark", "Patrick", "Jean-Luc",
    ],
    childFirstNames: [
      "Olivia", "Emma", "Ava", "Mia", "Harper", "Evelyn", "Abigail", "Ella", "Grace", "Lily",
      "Liam", "Noah", "Oliver", "Elijah", "Lucas", "Mason", "Logan", "Ethan", "Jack", "Owen",
    ],
  },
  es: {
    locale: "es",
    lastNames: [
      "García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez", "Torres",
      "Flores", "Rivera", "Gómez", "Díaz", "Cruz", "Morales", "Reyes", "Gutiérrez", "Ortiz", "Chávez",
      "Ramos", "Ruiz", "Álvarez", "Mendoza", "Castillo", "Jiménez", "Vásquez", "Moreno", "Romero", "Herrera",
      "Medina", "Aguilar", "Vargas", "Núñez", "Peña", "Muñoz", "Ibáñez", "Castañeda", "De la Cruz", "Del Río",
      "García-Márquez", "Garcés", "Orozco", "Domínguez", "Saldaña",
    ],
    femaleFirstNames: [
      "María", "Ana", "Lucía", "Sofía", "Guadalupe", "Carmen", "Rosa", "Isabel", "Verónica", "Patricia",
      "Mónica", "Adriana", "Elena", "Beatriz", "Marisol", "Inés", "Ximena", "Araceli", "María José", "Raquel",
    ],
    maleFirstNames: [
      "José", "Juan", "Luis", "Carlos", "Jesús", "Miguel", "Ángel", "Jorge", "Alejandro", "Fernando",
      "Andrés", "Rafael", "Héctor", "Raúl", "Sergio", "Óscar", "Ramón", "Iván", "Tomás", "Joaquín",
    ],
    childFirstNames: [
      "Valentina", "Camila", "Ximena", "Regina", "Renata", "Daniela", "Natalia", "Sofía", "Emily", "Isabella",
      "Santiago", "Mateo", "Sebastián", "Diego", "Emiliano", "Leonardo", "Adrián", "Nicolás", "Julián", "Daniel",
    ],
  },
  vi: {
    locale: "vi",
    lastNames: [
      "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
      "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lâm", "Mai",
    ],
    femaleFirstNames: [
      "Lan", "Hương", "Mai", "Linh", "Thảo", "Ngọc", "Hoa", "Trang", "Hằng", "Phương",
      "Thúy", "Yến", "Vy", "Nhung", "Quyên", "Thị Hạnh", "Kim Anh", "Bích Ngọc",
    ],
    maleFirstNames: [
      "Minh", "Hùng", "Dũng", "Tuấn", "Long", "Nam", "Quang", "Thành", "Huy", "Khoa",
      "Đức", "Phúc", "Bảo", "Trung", "Sơn", "Văn Hải", "Quốc Anh", "Thanh Tùng",
    ],
    childFirstNames: [
      "An", "Bảo Ngọc", "Khánh Linh", "Gia Hân", "Minh Châu", "Tiffany", "Vivian", "Emily", "Jenny", "Kim",
      "Minh Khôi", "Gia Bảo", "Đăng Khoa", "Hoàng Nam", "Anh Tuấn", "Kevin", "Tony", "Andy", "Peter", "Duy",
    ],
  },
  ar: {
    locale: "ar",
    lastNames: [
      "Al-Hassan", "Haddad", "Mansour", "Khalil", "Al-Masri", "Nasser", "Saleh", "Abdullah", "Hamdan", "Al-Amin",
      "Darwish", "Farouk", "Ibrahim", "Said", "Youssef", "El-Sayed", "Al-Rashid", "Aziz", "Bakr", "Karim",
      "Suleiman", "Issa", "Awad", "Zayed", "Al-Khatib", "Abu-Bakr", "Hijazi", "Shalabi",
    ],
    femaleFirstNames: [
      "Fatima", "Aisha", "Layla", "Mariam", "Noor", "Huda", "Rania", "Salma", "Yasmin", "Zainab",
      "Amira", "Hana", "Lina", "Samira", "Reem", "Dina", "Nadia", "Sara",
    ],
    maleFirstNames: [
      "Mohammed", "Ahmed", "Omar", "Ali", "Hassan", "Yusuf", "Khalid", "Ibrahim", "Mustafa", "Tariq",
      "Karim", "Samir", "Bilal", "Hamza", "Faisal", "Abdul-Rahman", "Nabil", "Walid",
    ],
    childFirstNames: [
      "Maryam", "Jana", "Lana", "Leen", "Yara", "Habiba", "Malak", "Sama", "Joud", "Adam",
      "Yousef", "Zayd", "Ilyas", "Rayan", "Amir", "Kareem", "Adnan", "Idris", "Malik", "Hadi",
    ],
  },
};

export const CULTURE_ORDER: readonly Culture[] = ["en", "es", "vi", "ar"];

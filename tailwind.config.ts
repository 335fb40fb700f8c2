import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      fontFamily: {
        // System fonts only: nothing may be downloaded at build or run time.
        sans: ["system-ui", "-apple-system", "Segoe UI", "Noto Sans", "Noto Sans Arabic", "Roboto", "Arial", "sans-serif"],
      },
    },
  },
  plugins: [],
} satisfies Config;

// The portal's front door is the sign-in page.
import { redirect } from "next/navigation";

export default function ParentIndexPage() {
  redirect("/sign-in");
}

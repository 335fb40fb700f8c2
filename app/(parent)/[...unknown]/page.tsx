// Any address no route serves: the 404 is rendered per request inside the portal's layout,
// so its scripts carry the request's CSP nonce (Next's prerendered 404 has none, and the CSP
// blocks its scripts). The two app sections have root layouts of their own, hence this page.
import { notFound } from "next/navigation";

export default function UnknownAddressPage(): never {
  notFound();
}

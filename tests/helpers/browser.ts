// Debian's Chromium driven by playwright-core (Playwright's own browser download is
// unavailable offline).
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * How long a locator or navigation may wait. Playwright's default, 30 s, is too short for a
 * server action's answer when CI runs two production servers and their databases on 2 busy
 * cores (a reset's and a passphrase change's answers each missed it once); tests time out at 120 s.
 */
const BUSY_MACHINE_WAIT_MS = 60_000;

export async function launchBrowser(): Promise<Browser> {
  const browser = await launchChromium();
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(BUSY_MACHINE_WAIT_MS);
    return context;
  };
  browser.newPage = async (options) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    // Closing the page closes the context made for it, as Browser.newPage's own does. When the
    // whole browser is closing, the page closes with it and its context is already going away:
    // that close then rejects ("Target page, context or browser has been closed"), which is
    // expected, and left unhandled it fails the run (CI, stop 20).
    page.once("close", () => {
      context.close().catch(() => undefined);
    });
    return page;
  };
  return browser;
}

function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Waits until React has hydrated the element `selector` names (its props are attached to the
 * DOM node). Before that, a server-rendered input takes keystrokes without any handler: on a
 * busy machine a test typing right after navigation would type into nothing.
 */
export async function waitForHydration(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (target) => {
      const element = document.querySelector(target);
      return element !== null && Object.keys(element).some((key) => key.startsWith("__reactProps"));
    },
    selector,
    { timeout: 60_000 },
  );
}

// The company's branding, from its settings (GET /api/branding), so one copy of the site serves
// any company. Markup opts in with attributes, filled by fillBrand():
//   data-brand="key"       text content (phone shown as "(555) 555-0123")
//   data-brand-href="key"  link target: phone → tel:, email → mailto:, website → the URL
//   data-brand-if="key"    hidden unless the value is set (e.g. a footer line, the demo banner)
//   data-brand-logo        on the home link: the logo goes in front of the name

const HEX = /^#[0-9a-f]{6}$/i;
const SURFACE = "#f4f6f8"; // --surface in site.css, the darkest background links sit on
const SITE_PATH_OR_HTTPS = /^(https:\/\/|\/(?!\/))/i;

// Live object: modules that import it see the loaded values once loadBranding() resolves.
export const branding = {
  company_name: null,
  tagline: null,
  logo_url: null,
  primary_color: null,
  accent_color: null,
  on_primary: null,
  on_accent: null,
  phone: null,
  email: null,
  website: null,
  address: null,
  hours: null,
  local_mode: false,
  bank_account_payments: true, // the settings' payments.bank_account: pay from a US bank account too
  loaded: false,
};

let loading;

/** Fetch and apply the branding once; always resolves (to the defaults if the API fails). */
export function loadBranding() {
  if (!loading) loading = fetchBranding().then(apply);
  return loading;
}

function apply(data) {
  if (!data) return branding;
  // Only the known keys: the object's shape is the contract other modules rely on.
  for (const key of Object.keys(branding)) if (key in data) branding[key] = data[key];
  branding.loaded = true;
  applyColours();
  applyLogo();
  document.title = `${branding.company_name} · Customer portal`;
  fillBrand(document);
  return branding;
}

async function fetchBranding() {
  try {
    const response = await fetch("/api/branding", {
      headers: { Accept: "application/json" },
      signal: AbortSignal.timeout?.(8000),
    });
    if (!response.ok) return null;
    const data = await response.json();
    return typeof data?.company_name === "string" ? data : null;
  } catch {
    // Offline or the API is down: the neutral defaults in the HTML keep the page usable.
    return null;
  }
}

/**
 * Show the page (site.css keeps it invisible for a moment so it does not jump or change colour as
 * the branding arrives). Entry modules call it once the branding is applied, or given up on, and
 * their first content is in place.
 */
export function reveal() {
  document.documentElement.classList.add("branded");
}

/** "+15555550123" → "(555) 555-0123"; anything else (non-US numbers) is shown as given. */
export function formatPhone(e164) {
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164 ?? "");
  return us ? `(${us[1]}) ${us[2]}-${us[3]}` : e164;
}

/** "Page · Company" for pages other than home. */
export function setTitle(page) {
  document.title = `${page} · ${branding.company_name ?? "Customer portal"}`;
}

function text(key) {
  const value = branding[key];
  if (typeof value !== "string" || !value) return null;
  if (key === "phone") return formatPhone(value);
  if (key === "website") return value.replace(/^https?:\/\//i, "").replace(/\/$/, "");
  return value;
}

function href(key) {
  const value = branding[key];
  if (typeof value !== "string" || !value) return null;
  if (key === "phone") return `tel:${value.replace(/[^\d+]/g, "")}`;
  if (key === "email") return `mailto:${value}`;
  if (key === "website") return /^https?:\/\//i.test(value) ? value : null;
  return null;
}

/** Fill the data-brand* attributes under root (pages call it after rendering). */
export function fillBrand(root = document) {
  if (!branding.loaded) return;
  for (const el of root.querySelectorAll("[data-brand]")) {
    const value = text(el.dataset.brand);
    if (value) el.textContent = value;
  }
  for (const el of root.querySelectorAll("[data-brand-href]")) {
    const target = href(el.dataset.brandHref);
    if (target) el.href = target;
    else el.removeAttribute("href");
  }
  for (const el of root.querySelectorAll("[data-brand-if]")) {
    el.hidden = !branding[el.dataset.brandIf];
  }
}

function applyColours() {
  const style = document.documentElement.style;
  const colours = {
    "--brand-primary": branding.primary_color,
    "--brand-on-primary": branding.on_primary,
    "--brand-accent": branding.accent_color,
    "--brand-on-accent": branding.on_accent,
  };
  for (const [name, value] of Object.entries(colours)) {
    if (HEX.test(value ?? "")) style.setProperty(name, value);
  }
  const primary = branding.primary_color;
  if (!HEX.test(primary ?? "")) return;
  // Links sit on white and on the pale footer (--surface): a light brand colour would fail WCAG AA
  // there, so links keep the default colour.
  if (contrast(primary, SURFACE) >= 4.5) style.setProperty("--brand-link", primary);
  document.querySelector('meta[name="theme-color"]')?.setAttribute("content", primary);
}

function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a, b) {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}

function applyLogo() {
  const url = branding.logo_url;
  if (typeof url !== "string" || !SITE_PATH_OR_HTTPS.test(url)) return;
  for (const link of document.querySelectorAll("[data-brand-logo]")) {
    if (link.querySelector("img")) continue;
    const img = document.createElement("img");
    img.src = url;
    // The company name stays beside the logo as the link's text, so for assistive technology
    // the image would only repeat it.
    img.alt = "";
    img.width = 40;
    img.height = 40;
    img.addEventListener("error", () => img.remove());
    link.prepend(img);
  }
}

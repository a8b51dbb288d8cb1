// The token of a link from an email or text (…#token=…): read once from the address bar, then
// kept for this tab only, so a phone that reloads the tab in the background keeps the link.

export function readToken(key) {
  const token = new URLSearchParams(location.hash.slice(1)).get("token");
  if (token) {
    history.replaceState(history.state, "", location.pathname + location.search);
    rememberToken(key, token);
    return token;
  }
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

export function rememberToken(key, token) {
  try {
    if (token) sessionStorage.setItem(key, token);
    else sessionStorage.removeItem(key);
  } catch {
    // Storage turned off: the link still works as long as the page stays open.
  }
}

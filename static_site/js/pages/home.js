// Home ("/"). Its content lives in index.html itself, so it reads before and without JavaScript;
// branding fills the name, tagline and "Call us" through data-brand* attributes.
export function render() {}

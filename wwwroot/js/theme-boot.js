// Runs in <head> before the page paints. The server picks light or dark from two cookies: the visitor's own choice
// (dashboard-theme) and, without one, their system preference (dashboard-system, kept here). When the system
// preference differs from what the server assumed, the page is fetched again before anything was shown.
(function () {
  var cookies = document.cookie;
  var system = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  var seen = /(?:^|;\s*)dashboard-system=(light|dark)/.exec(cookies);
  if (seen && seen[1] === system) return;
  document.cookie = 'dashboard-system=' + system + '; path=/; max-age=31536000; samesite=lax';
  var chose = /(?:^|;\s*)dashboard-theme=(light|dark)/.test(cookies);
  var assumed = seen ? seen[1] : 'light';
  // Only reload when it changes the page, and only when the cookie took (no reload loop with cookies off).
  if (!chose && assumed !== system && document.cookie.indexOf('dashboard-system=' + system) >= 0) {
    window.location.reload();
  }
})();

window.dashboardTheme = {
  // The toggle's choice, remembered for a year.
  choose: function (mode) {
    document.cookie = 'dashboard-theme=' + mode + '; path=/; max-age=31536000; samesite=lax';
  }
};

// How this browser writes numbers, for reading amounts a person types (the server has no culture data).
window.dashboardLocale = function () {
  var language = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
  var parts = new Intl.NumberFormat(language).formatToParts(12345.6);
  var part = function (type, fallback) { var p = parts.find(function (x) { return x.type === type; }); return p ? p.value : fallback; };
  return { language: language, decimal: part('decimal', '.'), group: part('group', ','), utcOffsetMinutes: -new Date().getTimezoneOffset() };
};

// The main script: the page names it and the Link header preloads it.
document.documentElement.setAttribute("data-app", "loaded");

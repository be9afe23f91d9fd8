// ESLint for the site's own scripts; the vendored plotly.js is upstream's minified build.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    // Only the site's own scripts: not installed packages (.venv, node_modules), build output or caches.
    ignores: [
      "docs/assets/javascripts/vendor/**",
      "site/**",
      ".site-*/**",
      "build/**",
      "bench/**",
      "node_modules/**",
      ".venv/**",
      ".venv-lock/**",
      "test-artifacts/**",
      "chart-cache/**",
    ],
  },
  js.configs.recommended,
  {
    files: ["docs/assets/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      // Material's document$ and the on-demand Plotly are reached through window, not as bare globals.
      globals: globals.browser,
    },
  },
];

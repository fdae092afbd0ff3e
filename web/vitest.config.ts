import { defineConfig } from 'vitest/config';

// Unit tests live beside the code they test (src/**/*.test.ts[x]). They run in
// Node by default; a file that needs a DOM opts in with a
// `// @vitest-environment happy-dom` comment at its top.
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
    environmentOptions: { happyDOM: { url: 'http://localhost/' } },
    restoreMocks: true,
    unstubGlobals: true,
  },
});

import { z } from 'zod';

// The web host's CSP allows no eval. zod compiles object parsers with `new Function` where it may,
// and finds out by trying once, which a strict CSP reports as a violation (then zod falls back).
// jitless skips the probe. Imported first by main.tsx: the probe runs as the first schema is built,
// so this must come before any module that builds one.
z.config({ jitless: true });

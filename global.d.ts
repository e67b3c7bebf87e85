// Next.js ambient types (fetch `next` options, image imports) for tsc runs before any build.
/// <reference types="next" />
/// <reference types="next/image-types/global" />

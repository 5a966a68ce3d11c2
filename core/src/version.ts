/** The core's version; domain plugins declare the range of it they work with. A test keeps it equal to package.json's. */
export const CORE_VERSION = '0.1.0';

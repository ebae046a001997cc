import { expect } from 'vitest';
import { allCloseMatchers } from './matchers.js';

expect.extend(allCloseMatchers);

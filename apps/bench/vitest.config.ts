import { shinkeiPreset } from '@shinkei/vitest-config';
import { defineConfig } from 'vitest/config';

export default defineConfig(shinkeiPreset());

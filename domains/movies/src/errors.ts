import { ProdsimError, type ErrorCode } from '@prodsim/core';

/**
 * Codes of the movies domain. Core's ErrorCode union lists core's own codes; ours extend it in
 * this package (the preamble's rule: no edits to core for a domain's codes).
 */
export const MoviesErrorCodes = {
  /** A MovieLens file is malformed: the message names the file and the line. */
  MOVIELENS_FORMAT: 'PRODSIM_ERR_MOVIELENS_FORMAT',
  /** A MovieLens directory is missing or holds none of the known layouts. */
  MOVIELENS_MISSING: 'PRODSIM_ERR_MOVIELENS_MISSING',
} as const;

export type MoviesErrorCode = (typeof MoviesErrorCodes)[keyof typeof MoviesErrorCodes];

export class MoviesError extends ProdsimError {
  constructor(code: MoviesErrorCode, message: string, options?: { cause?: unknown }) {
    super(code as unknown as ErrorCode, message, options);
    this.name = 'MoviesError';
  }
}

/** A malformed line in a MovieLens file: `file:line: what is wrong, and the line itself`. */
export class MovieLensFormatError extends MoviesError {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, problem: string, text?: string) {
    const shown = text === undefined ? '' : `: ${JSON.stringify(text.length > 120 ? `${text.slice(0, 117)}...` : text)}`;
    super(MoviesErrorCodes.MOVIELENS_FORMAT, `${file}:${line}: ${problem}${shown}`);
    this.name = 'MovieLensFormatError';
    this.file = file;
    this.line = line;
  }
}

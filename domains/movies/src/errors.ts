import { errorClass, type ErrorCode } from '@prodsim/core';

/** Codes of the movies domain (declared here: a domain adds its codes without editing core). */
export const MoviesErrorCodes = {
  /** A MovieLens file is malformed: the message names the file and the line. */
  MOVIELENS_FORMAT: 'PRODSIM_ERR_MOVIELENS_FORMAT',
  /** A MovieLens directory is missing or holds none of the known layouts. */
  MOVIELENS_MISSING: 'PRODSIM_ERR_MOVIELENS_MISSING',
} as const satisfies Record<string, ErrorCode>;

export type MoviesErrorCode = (typeof MoviesErrorCodes)[keyof typeof MoviesErrorCodes];

export const MoviesError = errorClass('MoviesError', MoviesErrorCodes);
export type MoviesError = InstanceType<typeof MoviesError>;

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

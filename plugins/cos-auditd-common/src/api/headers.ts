/**
 * The request header in which the frontend sends the signed-in user's
 * Google access token, for clusters whose auth provider is `google`.
 *
 * @public
 */
export const GOOGLE_TOKEN_HEADER = 'x-cos-auditd-google-token';

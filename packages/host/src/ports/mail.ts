/** The From of the platform's email (the `mail` port). */
export const mailFrom = 'EventFlow <no-reply@eventflow.local>';

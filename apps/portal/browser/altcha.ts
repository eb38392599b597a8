// The proof-of-work widget of the password-reset request (ALTCHA, served from the portal itself):
// the build without its own styles, which come as altcha.css, so that nothing inline breaks the CSP.
// The page gives it its challenge, its words and its worker's URL as attributes.
import "altcha/external"

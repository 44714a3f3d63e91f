// alert view: labelling keys. Stored text is only ever set with textContent, never parsed as HTML.
'use strict';

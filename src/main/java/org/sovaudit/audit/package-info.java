/**
 * The audit service that runs the pipeline from sources to a signed, recorded report; both front
 * doors (command line and web server) call it.
 */
package org.sovaudit.audit;

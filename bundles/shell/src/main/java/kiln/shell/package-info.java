/** Kiln's Gogo commands and headless runner (private implementation). */
package kiln.shell;

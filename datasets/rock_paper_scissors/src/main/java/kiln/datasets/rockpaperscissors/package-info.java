/** The rock_paper_scissors dataset provider (MLTK's hand-gesture images). */
package kiln.datasets.rockpaperscissors;

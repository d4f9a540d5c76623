/** The mnist dataset provider. */
package kiln.datasets.mnist;

/** The fashion_mnist dataset provider. */
package kiln.datasets.fashionmnist;

/** The cifar10 dataset provider. */
package kiln.datasets.cifar10;

/**
 * The attribution model's trainer: generates examples from the knowledge base, trains a softmax
 * regression over the shared features and writes the ONNX model. Built only in the Maven profile train.
 */
package org.sovaudit.train;

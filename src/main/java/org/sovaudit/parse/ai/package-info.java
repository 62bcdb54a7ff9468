/**
 * The AI stack: model configurations and ONNX model metadata, AI framework and vendor SDK
 * dependencies, inference endpoints in settings, and accelerator runtimes.
 */
package org.sovaudit.parse.ai;

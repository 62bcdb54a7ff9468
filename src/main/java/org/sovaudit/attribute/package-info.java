/**
 * Attribute stage: who is behind each observed value. Fixed rules and the knowledge base first,
 * then the ONNX classifier for what the knowledge base does not know exactly.
 */
package org.sovaudit.attribute;

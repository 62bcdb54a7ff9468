/**
 * Updates of the knowledge base and the model: signed update packages, their verification, and the
 * installed versions an appliance runs (with the previous one kept for rollback).
 */
package org.sovaudit.attribute.update;

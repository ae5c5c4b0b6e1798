package org.trialkeeper.report;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.io.IOException;

/**
 * Elements of the ODM namespace written as they come, through the JDK's StAX writer: nothing of
 * the file is held in memory. Attributes are given as name, value pairs; a null value leaves
 * its attribute out.
 */
final class OdmXml implements AutoCloseable {

    static final String NAMESPACE = "http://www.cdisc.org/ns/odm/v1.3";

    private final XMLStreamWriter xml;

    OdmXml(Writer out) {
        try {
            xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(NAMESPACE);
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    /** The root element, which declares the namespace every other element is in. */
    OdmXml root(String element, String... attributes) {
        try {
            xml.writeStartElement(NAMESPACE, element);
            xml.writeDefaultNamespace(NAMESPACE);
            attributes(attributes);
        } catch (XMLStreamException e) {
            throw failed(e);
        }
        return this;
    }

    OdmXml start(String element, String... attributes) {
        try {
            xml.writeStartElement(NAMESPACE, element);
            attributes(attributes);
        } catch (XMLStreamException e) {
            throw failed(e);
        }
        return this;
    }

    OdmXml empty(String element, String... attributes) {
        try {
            xml.writeEmptyElement(NAMESPACE, element);
            attributes(attributes);
        } catch (XMLStreamException e) {
            throw failed(e);
        }
        return this;
    }

    OdmXml text(String element, String text) {
        start(element);
        try {
            xml.writeCharacters(text);
        } catch (XMLStreamException e) {
            throw failed(e);
        }
        return end();
    }

    /** Words for people, in English: a Description, a Question or a Decode holds them this way. */
    OdmXml translated(String element, String text) {
        start(element).start("TranslatedText");
        try {
            xml.writeAttribute("xml", XMLConstants.XML_NS_URI, "lang", "en");
            xml.writeCharacters(text);
        } catch (XMLStreamException e) {
            throw failed(e);
        }
        return end().end();
    }

    OdmXml end() {
        try {
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw failed(e);
        }
        return this;
    }

    @Override
    public void close() {
        try {
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    private void attributes(String... attributes) throws XMLStreamException {
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                xml.writeAttribute(attributes[i], attributes[i + 1]);
            }
        }
    }

    private static UncheckedIOException failed(XMLStreamException e) {
        return new UncheckedIOException(new IOException("the ODM file could not be written", e));
    }
}

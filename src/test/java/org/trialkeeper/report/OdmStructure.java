package org.trialkeeper.report;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules of ODM 1.3.2 that hold without its schema: the root's required attributes, the order
 * of the metadata's elements, OIDs unique, every reference resolving to a definition, clinical data nested as the metadata says
 * (each form in its event, each item group in its form, each item in its item group), and every
 * value of a coded item in its code list.
 */
final class OdmStructure {

    static final String NAMESPACE = "http://www.cdisc.org/ns/odm/v1.3";

    final Document document;
    private final Map<String, Element> definitions = new HashMap<>();

    OdmStructure(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    /** Checks every rule; answers itself, for counting what the file holds. */
    OdmStructure check() {
        Element root = document.getDocumentElement();
        assertEquals(NAMESPACE, root.getNamespaceURI());
        assertEquals("ODM", root.getLocalName());
        for (String required : List.of("FileOID", "FileType", "CreationDateTime", "ODMVersion")) {
            assertTrue(root.hasAttribute(required), required);
        }
        assertEquals("1.3.2", root.getAttribute("ODMVersion"));
        assertEquals("Snapshot", root.getAttribute("FileType"));
        assertTrue(root.getAttribute("CreationDateTime").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        for (String kind : List.of("Study", "MetaDataVersion", "StudyEventDef", "FormDef", "ItemGroupDef", "ItemDef", "CodeList")) {
            for (Element definition : elements(root, kind)) {
                String oid = definition.getAttribute("OID");
                assertTrue(!oid.isBlank(), kind + " without an OID");
                assertTrue(definitions.put(oid, definition) == null, "OID defined twice: " + oid);
            }
        }
        inOrder(List.of(root), "Study", "AdminData", "ReferenceData", "ClinicalData");
        inOrder(elements(root, "Study"), "GlobalVariables", "BasicDefinitions", "MetaDataVersion");
        inOrder(elements(root, "MetaDataVersion"), "Include", "Protocol", "StudyEventDef", "FormDef", "ItemGroupDef",
                "ItemDef", "CodeList");
        inOrder(elements(root, "StudyEventDef"), "Description", "FormRef");
        inOrder(elements(root, "ItemDef"), "Description", "Question", "ExternalQuestion", "MeasurementUnitRef",
                "RangeCheck", "CodeListRef");
        references("StudyEventRef", "StudyEventOID", "StudyEventDef");
        references("FormRef", "FormOID", "FormDef");
        references("ItemGroupRef", "ItemGroupOID", "ItemGroupDef");
        references("ItemRef", "ItemOID", "ItemDef");
        references("CodeListRef", "CodeListOID", "CodeList");
        references("ClinicalData", "StudyOID", "Study");
        references("ClinicalData", "MetaDataVersionOID", "MetaDataVersion");
        for (Element studyEvent : elements(root, "StudyEventData")) {
            Element event = defined(studyEvent, "StudyEventOID", "StudyEventDef");
            for (Element form : children(studyEvent, "FormData")) {
                assertTrue(refers(event, "FormRef", "FormOID", form.getAttribute("FormOID")), form.getAttribute("FormOID"));
                Element formDef = defined(form, "FormOID", "FormDef");
                for (Element group : children(form, "ItemGroupData")) {
                    assertTrue(refers(formDef, "ItemGroupRef", "ItemGroupOID", group.getAttribute("ItemGroupOID")));
                    Element groupDef = defined(group, "ItemGroupOID", "ItemGroupDef");
                    for (Element item : children(group, "ItemData")) {
                        String oid = item.getAttribute("ItemOID");
                        assertTrue(refers(groupDef, "ItemRef", "ItemOID", oid), oid + " is not in " + groupDef.getAttribute("OID"));
                        codedValue(defined(item, "ItemOID", "ItemDef"), item.getAttribute("Value"));
                    }
                }
            }
        }
        return this;
    }

    /** Each parent's children are of the given kinds only, in the order ODM's content model lists them. */
    private static void inOrder(List<Element> parents, String... kinds) {
        List<String> order = List.of(kinds);
        for (Element parent : parents) {
            int last = 0;
            for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element child) {
                    int at = order.indexOf(child.getLocalName());
                    assertTrue(at >= last, child.getLocalName() + " out of place in " + parent.getLocalName());
                    last = at;
                }
            }
        }
    }

    List<Element> elements(String localName) {
        return elements(document.getDocumentElement(), localName);
    }

    private void codedValue(Element itemDef, String value) {
        List<Element> codeListRefs = children(itemDef, "CodeListRef");
        if (codeListRefs.isEmpty()) {
            return;
        }
        Element codeList = definitions.get(codeListRefs.get(0).getAttribute("CodeListOID"));
        Set<String> coded = new HashSet<>();
        children(codeList, "CodeListItem").forEach(item -> coded.add(item.getAttribute("CodedValue")));
        assertTrue(coded.contains(value), value + " is not in " + codeList.getAttribute("OID"));
    }

    private void references(String element, String attribute, String kind) {
        for (Element reference : elements(document.getDocumentElement(), element)) {
            defined(reference, attribute, kind);
        }
    }

    private Element defined(Element reference, String attribute, String kind) {
        Element definition = definitions.get(reference.getAttribute(attribute));
        assertNotNull(definition, reference.getLocalName() + " refers to an undefined " + reference.getAttribute(attribute));
        assertEquals(kind, definition.getLocalName(), reference.getAttribute(attribute));
        return definition;
    }

    private static boolean refers(Element definition, String element, String attribute, String oid) {
        return children(definition, element).stream().anyMatch(ref -> ref.getAttribute(attribute).equals(oid));
    }

    private static List<Element> elements(Element root, String localName) {
        NodeList nodes = root.getElementsByTagNameNS(NAMESPACE, localName);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && NAMESPACE.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }
}

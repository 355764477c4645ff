"""The ontology, the generated namespace module, the unit mapping and the shapes file."""

from __future__ import annotations

import csv
import difflib
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "envkg.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
UNITS = ROOT / "data" / "lexicons" / "units.tsv"
NAMESPACE_PY = ROOT / "kg" / "namespace.py"

ENVKG = Namespace("https://w3id.org/envkg/ontology#")
SH = Namespace("http://www.w3.org/ns/shacl#")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SOSA = Namespace("http://www.w3.org/ns/sosa/")
SCHEMA = Namespace("https://schema.org/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
QUDT_UNIT = "http://qudt.org/vocab/unit/"

# The graph contract (shared/contract/CONTRACT.md), copied here on purpose so the
# suite does not depend on ../shared. Never rename these.
# fmt: off
CONTRACT_CLASSES = [
    "Document", "Article", "Bureau", "GovernmentBody", "Organization",
    "AdministrativeDivision", "Province", "Prefecture", "County", "Township", "Village",
    "WaterBody", "River", "Lake", "Reservoir", "Wetland", "MonitoringSection", "Landmark",
    "Project", "Measure", "Regulation", "Event", "Person", "Species", "Observation", "Indicator",
]
CONTRACT_OBJECT_PROPERTIES = [
    "mentionedIn", "partOf", "subOrganizationOf", "jurisdiction", "locatedIn", "flowsInto",
    "implementedBy", "targets", "headOf", "organizedBy", "about", "observedAt", "subject", "indicator",
]
CONTRACT_DATATYPE_PROPERTIES = ["sourceFile", "adminCode", "value", "unit", "year", "evidence"]
RELATIONS = [
    "partOf", "subOrganizationOf", "jurisdiction", "locatedIn", "flowsInto", "implementedBy",
    "targets", "headOf", "organizedBy", "about", "observedAt",
]
OUR_CLASSES = ["Gazetteer"]
UNIT_STRINGS = [
    "天", "%", "微克/立方米", "亿元", "万元", "万吨", "吨", "平方米", "万平方米", "公里", "千米",
    "个", "家", "件", "项", "处", "只", "起", "条", "分钟",
]
# fmt: on
CONTRACT_TERMS = CONTRACT_CLASSES + CONTRACT_OBJECT_PROPERTIES + CONTRACT_DATATYPE_PROPERTIES


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle", encoding="utf-8")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle", encoding="utf-8")


def test_contract_term_count():
    assert (len(CONTRACT_CLASSES), len(CONTRACT_OBJECT_PROPERTIES), len(CONTRACT_DATATYPE_PROPERTIES)) == (26, 14, 6)
    assert len(set(CONTRACT_TERMS)) == 46


# --- kg/namespace.py ------------------------------------------------------------------------


def test_namespace_module_is_up_to_date(tmp_path):
    out = tmp_path / "namespace.py"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_namespace.py"), "--ontology", str(ONTOLOGY), "--out", str(out)],
        check=True, capture_output=True, cwd=tmp_path,
    )
    expected = out.read_text(encoding="utf-8")
    actual = NAMESPACE_PY.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(
        actual.splitlines(keepends=True), expected.splitlines(keepends=True),
        "kg/namespace.py (committed)", "kg/namespace.py (regenerated)",
    ))
    assert actual == expected, f"kg/namespace.py is stale; run `python tools/gen_namespace.py`:\n{diff}"


def test_namespace_module_says_it_is_generated():
    head = NAMESPACE_PY.read_text(encoding="utf-8").splitlines()[:3]
    assert any("GENERATED" in line for line in head)
    assert any("python tools/gen_namespace.py" in line for line in head)


def test_namespace_lists_exactly_the_ontology_terms(ontology):
    from kg.namespace import ENVKG as NS

    declared = {str(s)[len(str(ENVKG)):] for s in ontology.subjects() if str(s).startswith(str(ENVKG))}
    assert set(NS.as_jsonld_context("envkg")["@context"]) - {"envkg"} == declared


@pytest.mark.parametrize("term", CONTRACT_TERMS + OUR_CLASSES)
def test_namespace_has_contract_term(term):
    from kg.namespace import ENVKG as NS

    assert getattr(NS, term) == URIRef(str(ENVKG) + term)


@pytest.mark.parametrize("typo", ["partof", "Partof", "mentionedin", "bureau", "AdminCode", "flowInto"])
def test_namespace_misspelling_raises(typo):
    from kg.namespace import ENVKG as NS

    with pytest.raises(AttributeError):
        getattr(NS, typo)


def test_namespace_constants():
    from kg import namespace

    assert str(namespace.GEO) == "http://www.w3.org/2003/01/geo/wgs84_pos#"
    assert str(namespace.NIF) == "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    assert str(namespace.ID) == "https://w3id.org/envkg/id/"
    assert namespace.SKOS is SKOS and namespace.DCTERMS is DCTERMS and namespace.OWL is OWL


# --- ontology/envkg.ttl ---------------------------------------------------------------------


@pytest.mark.parametrize("term", CONTRACT_TERMS + OUR_CLASSES)
def test_term_has_labels_and_definition(ontology, term):
    iri = ENVKG[term]
    langs = {o.language for o in ontology.objects(iri, RDFS.label) if isinstance(o, Literal)}
    assert {"zh", "en"} <= langs, f"envkg:{term} needs rdfs:label @zh and @en"
    definitions = list(ontology.objects(iri, SKOS.definition)) + list(ontology.objects(iri, RDFS.comment))
    assert definitions, f"envkg:{term} needs a skos:definition"


@pytest.mark.parametrize("term", CONTRACT_CLASSES + OUR_CLASSES)
def test_class_is_owl_class(ontology, term):
    assert (ENVKG[term], RDF.type, OWL.Class) in ontology


@pytest.mark.parametrize("term", CONTRACT_OBJECT_PROPERTIES)
def test_object_property_is_declared(ontology, term):
    assert (ENVKG[term], RDF.type, OWL.ObjectProperty) in ontology


@pytest.mark.parametrize("term", CONTRACT_DATATYPE_PROPERTIES)
def test_datatype_property_is_declared(ontology, term):
    assert (ENVKG[term], RDF.type, OWL.DatatypeProperty) in ontology
    assert ontology.value(ENVKG[term], RDFS.range) is not None


@pytest.mark.parametrize("term", RELATIONS)
def test_relation_has_domain_and_range(ontology, term):
    assert ontology.value(ENVKG[term], RDFS.domain) is not None
    assert ontology.value(ENVKG[term], RDFS.range) is not None


# fmt: off
@pytest.mark.parametrize("sub,sup", [
    *[(ENVKG[c], ENVKG.AdministrativeDivision) for c in ("Country", "Province", "Prefecture", "County", "Township",
                                                         "Village")],
    *[(ENVKG[c], ENVKG.WaterBody) for c in ("River", "Lake", "Reservoir", "Wetland")],
    (ENVKG.Bureau, ORG.FormalOrganization), (ENVKG.GovernmentBody, ORG.FormalOrganization),
    (ENVKG.Organization, ORG.Organization),
    (ENVKG.Document, PROV.Entity), (ENVKG.Article, PROV.Entity), (ENVKG.Gazetteer, PROV.Entity),
    (ENVKG.Indicator, SKOS.Concept), (ENVKG.Observation, SOSA.Observation),
    (ENVKG.AdministrativeDivision, GEO.SpatialThing),
    (ENVKG.WaterBody, SCHEMA.BodyOfWater), (ENVKG.River, SCHEMA.RiverBodyOfWater),
    (ENVKG.Lake, SCHEMA.LakeBodyOfWater), (ENVKG.Reservoir, SCHEMA.Reservoir),
    (ENVKG.Person, SCHEMA.Person), (ENVKG.Event, SCHEMA.Event), (ENVKG.Species, SCHEMA.Taxon),
])
# fmt: on
def test_class_alignment(ontology, sub, sup):
    assert (sub, RDFS.subClassOf, sup) in ontology


# fmt: off
@pytest.mark.parametrize("sub,sup", [
    (ENVKG.subOrganizationOf, ORG.subOrganizationOf), (ENVKG.headOf, ORG.headOf),
    (ENVKG.value, SOSA.hasSimpleResult), (ENVKG.subject, SOSA.hasFeatureOfInterest),
    (ENVKG.indicator, SOSA.observedProperty),
])
# fmt: on
def test_property_alignment(ontology, sub, sup):
    assert (sub, RDFS.subPropertyOf, sup) in ontology


def test_indicator_scheme(ontology):
    assert (ENVKG.IndicatorScheme, RDF.type, SKOS.ConceptScheme) in ontology


def test_ontology_metadata(ontology):
    iri = URIRef("https://w3id.org/envkg/ontology")
    assert (iri, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(iri, OWL.versionInfo) == Literal("0.1.0")
    assert ontology.value(iri, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert ontology.value(iri, DCTERMS.creator) == Literal("envkg developers")
    assert ontology.value(iri, DCTERMS.title) is not None
    assert ontology.value(iri, DCTERMS.description) is not None


# --- data/lexicons/units.tsv ------------------------------------------------------------------


def _units() -> dict[str, dict[str, str]]:
    with UNITS.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return {row["unit"]: row for row in rows}


def test_units_cover_every_emitted_unit():
    assert set(UNIT_STRINGS) <= set(_units())


def test_units_cover_the_observation_lexicon():
    lexicon = ROOT / "data" / "lexicons" / "observation_units.tsv"
    if not lexicon.exists():
        pytest.skip("no observation unit lexicon yet")
    with lexicon.open(encoding="utf-8", newline="") as fh:
        emitted = {row["unit"] for row in csv.DictReader((x for x in fh if not x.startswith("#")), delimiter="\t")}
    assert emitted - set(_units()) == set(), "add these units to data/lexicons/units.tsv"


# fmt: off
@pytest.mark.parametrize("unit,qudt", [
    ("%", "PERCENT"), ("微克/立方米", "MicroGM-PER-M3"), ("天", "DAY"), ("吨", "TONNE"),
    ("平方米", "M2"), ("分钟", "MIN"), ("公里", "KiloM"), ("千米", "KiloM"), ("个", "NUM"), ("家", "NUM"),
])
# fmt: on
def test_unit_mapping(unit, qudt):
    assert _units()[unit]["qudt_unit"] == QUDT_UNIT + qudt


def test_unit_rows_are_well_formed():
    for unit, row in _units().items():
        if row["qudt_unit"]:
            assert row["qudt_unit"].startswith(QUDT_UNIT), unit
            assert float(row["multiplier"]) > 0, unit
        else:
            assert row["multiplier"] == "", unit


# --- ontology/shapes.ttl ----------------------------------------------------------------------


def test_shapes_use_no_sparql(shapes):
    assert "sh:sparql" not in SHAPES.read_text(encoding="utf-8")
    assert not list(shapes.triples((None, SH.sparql, None)))
    assert not list(shapes.triples((None, SH.select, None)))


def test_shapes_only_mention_declared_envkg_terms(shapes, ontology):
    used = {o for o in shapes.all_nodes() if isinstance(o, URIRef) and str(o).startswith(str(ENVKG))}
    declared = set(ontology.subjects())
    assert used - declared == set()


def test_every_entity_class_has_a_node_shape(shapes):
    targeted = set(shapes.objects(None, SH.targetClass))
    for name in CONTRACT_CLASSES:
        if name not in ("Province", "Prefecture", "County", "Township", "Village",
                        "River", "Lake", "Reservoir", "Wetland"):
            assert ENVKG[name] in targeted, name


def test_contract_class_list_matches_ontology(shapes, ontology):
    """The sh:in list of envkgsh:ContractClass must hold every entity class and subclass."""
    node = shapes.value(URIRef("https://w3id.org/envkg/shapes#ContractClass"), SH["in"])
    listed = set(Collection(shapes, node))
    tops = {ENVKG[c] for c in ("Bureau", "GovernmentBody", "Organization", "AdministrativeDivision", "WaterBody",
                               "MonitoringSection", "Landmark", "Project", "Measure", "Regulation", "Event",
                               "Person", "Species")}
    expected = set()
    for top in tops:
        expected |= set(ontology.transitive_subjects(RDFS.subClassOf, top))
    assert listed == expected


@pytest.mark.parametrize("term", RELATIONS)
def test_every_relation_has_a_shape(shapes, term):
    assert ENVKG[term] in set(shapes.objects(None, SH.targetSubjectsOf))

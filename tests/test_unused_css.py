"""The purge's rule (mathforml/unused_css.py): a selector stays when every word it requires is on the site."""

from mathforml.unused_css import purge, selectors, words


def test_a_selector_stays_only_when_its_classes_ids_elements_and_attributes_are_present():
    css = ".a{color:red}.b{color:blue}#c{margin:0}kbd{font:1px x}[data-x=on]{top:0}[data-x=off]{top:1px}"
    assert purge(css, {"a", "c", "data-x", "on"}) == ".a{color:red}#c{margin:0}[data-x=on]{top:0}"


def test_a_selector_list_keeps_its_matching_members():
    assert purge(".a .b,.a .z,p>.b{x:1}", {"a", "b", "p"}) == ".a .b,p>.b{x:1}"


def test_element_names_are_read_without_case_and_pseudo_classes_are_not_looked_into():
    assert purge("DIV:not(.gone):hover::before{x:1}", {"div"}) == "DIV:not(.gone):hover::before{x:1}"
    assert purge(":root{--v:1}*,:after{box-sizing:inherit}", set()) == ":root{--v:1}*,:after{box-sizing:inherit}"


def test_selectors_named_for_dropping_go_even_when_their_words_are_present():
    css = "@media screen{.a *,.a :after,.b{x:1}}table:not([class]) td>:first-child{y:0}"
    assert purge(css, {"a", "b", "table", "td"}, drop=[".a *", "table:not([class]) td>:first-child"]) == \
        "@media screen{.a :after,.b{x:1}}"


def test_nested_rules_are_purged_and_empty_blocks_dropped():
    css = "@media screen{.a{x:1}.gone{x:2}}@media print{.gone{x:3}}@font-face{font-family:f}@keyframes k{0%{x:1}}"
    assert purge(css, {"a"}) == "@media screen{.a{x:1}}@font-face{font-family:f}@keyframes k{0%{x:1}}"


def test_words_are_what_a_page_or_script_could_use():
    assert words('<p class="md-x y_z" data-md-state="lock">3 <b>') >= {"p", "class", "md-x", "y_z", "data-md-state",
                                                                       "lock", "b"}


def test_selectors_lists_every_selector_inside_and_outside_at_rules():
    assert selectors(".a,.b{x:1}@media print{.c{x:2}}") == {".a", ".b", ".c"}

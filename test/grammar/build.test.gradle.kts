// SYNTAX TEST "source.kotlin" "Gradle Kotlin DSL: Jib and Spring Boot"
jib {
    from {
        image = "127.0.0.1:5000/base/java:17"
//      ^^^^^ variable.other.property.imageref
//              ^ string.quoted.double.imageref punctuation.definition.string.begin.imageref
//               ^^^^^^^^^^^^^^ meta.image-reference.imageref entity.name.namespace.registry.imageref
//                             ^ punctuation.separator.registry.imageref
//                              ^^^^^^^^^ entity.name.type.repository.imageref
//                                        ^^ constant.other.tag.imageref
    }
    to.image = "example/app:$version"
//     ^^^^^ variable.other.property.imageref
//              ^^^^^^^^^^^ entity.name.type.repository.imageref
//                          ^^^^^^^^ constant.other.tag.imageref variable.other.interpolated.imageref
}
tasks.named<BootBuildImage>("bootBuildImage") {
    builder.set("paketobuildpacks/builder-jammy-tiny")
//  ^^^^^^^ variable.other.property.imageref
//         ^^^^^ keyword.operator.assignment.imageref
//               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ entity.name.type.repository.imageref
    runImage.set("paketobuildpacks/run-jammy-tiny:0.2")
//                                                ^^^ constant.other.tag.imageref
}
// image = "commented:out"
//          ^^^^^^^^^^^^^ - meta.image-reference.imageref
